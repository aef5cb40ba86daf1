package org.dsreg.cli;

import java.util.Optional;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.JoinType;
import org.dsreg.embed.Dsreg;
import org.dsreg.domain.TenantRef;
import org.dsreg.embed.JoinRequest;
import org.dsreg.embed.TokenSource;
import picocli.CommandLine.Option;

/** {@code --join} and the options that shape the join; the tenant is the shared {@code --tenant-id}. */
final class JoinOptions implements ActionOptions {
    @Option(names = "--join", required = true,
            description = "Join (or register) this device with the tenant of --tenant-id.")
    boolean join;

    @Option(names = "--join-type", paramLabel = "join|register",
            description = "With --join: Microsoft Entra join (default) or registration (workplace join).")
    String joinType;

    @Option(names = "--device-mode", paramLabel = "shared|exclusive",
            description = "With --join: a device shared by several users, or one user's (exclusive, the default);"
                    + " shared is a join only.")
    DeviceMode deviceMode;

    @Option(names = "--device-name", paramLabel = "NAME",
            description = "With --join: the device's display name (default: the host name).")
    String deviceName;

    @Override
    public String flag() {
        return "--join";
    }

    @Override
    public int run(Dsreg dsreg, Invocation i) {
        return new JoinAction(i.out(), i.err(), i.json()).run(dsreg, command(i.tenant(), i.tokenSource(),
                i.keyStorage()));
    }

    /** The join these options ask for, with the defaults filled in. */
    JoinRequest command(String tenant, Optional<String> tokenSource, Optional<String> keyStorage) {
        JoinType type = switch (joinType == null ? "join" : joinType) {
            case "join" -> JoinType.JOINED;
            case "register" -> JoinType.REGISTERED;
            default -> throw DsregException.invalidArgument("--join-type is join or register, not '" + joinType + "'");
        };
        return new JoinRequest(TenantRef.parse(tenant), type, Optional.ofNullable(deviceName),
                TokenSource.parse(tokenSource.orElse("device-code")),
                keyStorage.orElse("software"), deviceMode == null ? DeviceMode.EXCLUSIVE : deviceMode);
    }
}
