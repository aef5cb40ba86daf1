package org.dsreg.cli;

import org.dsreg.embed.Dsreg;
import org.dsreg.embed.IdentityRequest;
import org.dsreg.embed.TokenSource;
import picocli.CommandLine.Option;

/** {@code --rekey --tenant-id GUID --key-storage NAME [--token-source SOURCE]} (the last two shared). */
final class RekeyOptions implements ActionOptions {
    @Option(names = "--rekey", required = true,
            description = "Move the registration with --tenant-id to the key storage of --key-storage (software to"
                    + " tpm, say): a new join with keys there, proved at DRS, then the old device deleted at DRS, then"
                    + " the swap here. A failure before the swap leaves the old identity working. As root.")
    boolean rekey;

    @Override
    public String flag() {
        return "--rekey";
    }

    @Override
    public int run(Dsreg dsreg, Invocation i) {
        IdentityRequest request = IdentityRequest.rekey(i.tenantGuid().orElseThrow(), i.keyStorage().orElseThrow(),
                TokenSource.parse(i.tokenSource().orElse("device-code"))).forced(i.force());
        return new RekeyAction(i.out(), i.err(), i.json()).run(dsreg, request);
    }
}
