package org.dsreg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dsreg.testkit.drs.DrsEmulator;

/** DRS access tokens of the emulator in files, as {@code --token-source file:PATH} reads them. */
final class TokenFiles {
    private TokenFiles() {
    }

    /** A token of the emulator tenant's admin in {@code dir/token}, readable by its owner only. */
    static Path admin(DrsEmulator drs, Path dir) throws IOException {
        Path token = Files.writeString(dir.resolve("token"), drs.issueAccessToken("admin@" + drs.tenantDomain()));
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        return token;
    }
}
