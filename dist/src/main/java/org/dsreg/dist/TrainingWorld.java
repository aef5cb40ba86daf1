package org.dsreg.dist;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.dsreg.testkit.dbus.BrokerMachine;
import org.dsreg.testkit.drs.DrsEmulator;

/**
 * The machine the class list is trained on when dsreg runs where users run it: testkit's
 * {@link BrokerMachine} (the Microsoft broker installed and running, both buses, systemd) and a DRS
 * emulator on loopback to join. Fakes of the other side only; dsreg itself runs for real.
 */
final class TrainingWorld implements AutoCloseable {
    private final BrokerMachine machine;
    private final DrsEmulator emulator;
    private final Path tokenFile;

    private TrainingWorld(BrokerMachine machine, DrsEmulator emulator, Path tokenFile) {
        this.machine = machine;
        this.emulator = emulator;
        this.tokenFile = tokenFile;
    }

    /** Starts everything under {@code dir}; needs {@code dbus-daemon} (an AssertionError names it when missing). */
    static TrainingWorld start(Path dir) throws Exception {
        BrokerMachine machine = BrokerMachine.start(Files.createDirectories(dir.resolve("machine")));
        DrsEmulator emulator = null;
        try {
            emulator = DrsEmulator.start(Files.createDirectories(dir.resolve("drs")));
            Path token = dir.resolve("token");
            Files.writeString(token, emulator.issueAccessToken("admin@contoso.example") + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
            return new TrainingWorld(machine, emulator, token);
        } catch (Exception e) {
            if (emulator != null) {
                emulator.close();
            }
            machine.close();
            throw e;
        }
    }

    /** The environment of a dsreg run on this machine, with its state in {@code state}. */
    Map<String, String> environment(Path state) {
        Map<String, String> env = new HashMap<>(machine.environment());
        env.put("DSREG_STATE_DIR", state.toAbsolutePath().toString());
        return env;
    }

    /** The arguments of a software-key join against the emulator. */
    String[] join() {
        return new String[] {"--join", "--tenant-id", emulator.tenantId(), "--token-source", "file:" + tokenFile,
            "--drs-url", emulator.baseUrl(), "--trust-ca", emulator.caPem().toAbsolutePath().toString()};
    }

    @Override
    public void close() {
        emulator.close();
        machine.close();
    }
}
