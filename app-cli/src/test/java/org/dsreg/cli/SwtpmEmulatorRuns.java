package org.dsreg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dsreg.testkit.drs.DrsEmulator;
import org.dsreg.testkit.drs.RegisteredDevice;
import org.dsreg.testkit.tpm.Swtpm;

/**
 * The dsreg command, in-process, against a DRS emulator and a swtpm, both started in {@code dir}: a state directory
 * of its own, the emulator's URL and CA, the TPM's TCTI, and a token file (0600) of the emulator's admin.
 */
final class SwtpmEmulatorRuns implements AutoCloseable {
    final StatusFixture fx;
    final Swtpm tpm;
    final DrsEmulator drs;
    final Path token;

    SwtpmEmulatorRuns(Path dir) throws Exception {
        fx = new StatusFixture(dir);
        tpm = Swtpm.start(Files.createDirectories(dir.resolve("swtpm")));
        drs = DrsEmulator.start(Files.createDirectories(dir.resolve("drs")));
        token = TokenFiles.admin(drs, dir);
    }

    /** dsreg ARGS --tpm-tcti … --timeout 10 --drs-url … --trust-ca …. */
    StatusFixture.Run dsreg(String... args) {
        return fx.run(arguments(args).toArray(String[]::new));
    }

    /** ARGS --tpm-tcti … --timeout 10 --drs-url … --trust-ca …: the arguments {@link #dsreg} runs with. */
    List<String> arguments(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--tpm-tcti", tpm.tcti(), "--timeout", "10", "--drs-url", drs.baseUrl(), "--trust-ca",
                drs.caPem().toString()));
        return all;
    }

    /** The ids of the devices the emulator holds and nobody deleted, in the order they joined. */
    List<String> live() {
        return drs.devices().values().stream().filter(d -> !d.deleted()).map(RegisteredDevice::deviceId).toList();
    }

    @Override
    public void close() {
        drs.close();
        tpm.close();
    }
}
