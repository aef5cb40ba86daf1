package org.dsreg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.dsreg.testkit.drs.DrsEmulator;

/** The dsreg command, in-process, against a DRS emulator: its URL and CA, and a token file (0600) of its admin. */
final class EmulatorRuns {
    final StatusFixture fx;
    final DrsEmulator drs;
    final Path tokenFile;

    EmulatorRuns(StatusFixture fx, DrsEmulator drs, Path tokenFile) throws IOException {
        this.fx = fx;
        this.drs = drs;
        this.tokenFile = tokenFile;
        Files.writeString(tokenFile, drs.issueAccessToken("admin@" + drs.tenantDomain()) + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    }

    /** A fixture in {@code dir}, an emulator started in {@code dir/drs}, and the admin's token file. */
    static EmulatorRuns start(Path dir) throws IOException {
        return new EmulatorRuns(new StatusFixture(dir), DrsEmulator.start(Files.createDirectories(dir.resolve("drs"))),
                dir.resolve("token"));
    }

    /** dsreg ARGS --drs-url … --trust-ca … --timeout 5. */
    StatusFixture.Run dsreg(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--trust-ca", drs.caPem().toString()));
        return dsregUntrusted(all.toArray(String[]::new));
    }

    /** dsreg ARGS --drs-url … --timeout 5, without {@code --trust-ca}: the emulator's CA is not trusted. */
    StatusFixture.Run dsregUntrusted(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--drs-url", drs.baseUrl(), "--timeout", "5"));
        return fx.run(all.toArray(String[]::new));
    }

    /** A join of the emulator's tenant with the token file, and {@code extra} options. */
    StatusFixture.Run join(String... extra) {
        return dsreg(joinArguments(extra));
    }

    /** A join as {@link #join}, without {@code --trust-ca}. */
    StatusFixture.Run joinUntrusted(String... extra) {
        return dsregUntrusted(joinArguments(extra));
    }

    private String[] joinArguments(String... extra) {
        List<String> all = new ArrayList<>(List.of("--join", "--tenant-id", drs.tenantId(),
                "--token-source", "file:" + tokenFile));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }
}
