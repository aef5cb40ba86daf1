package org.dsreg.embed.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A backend as a third party built it against dsreg's first releases: its provider implements
 * {@code org.dsreg.port.out.KeyStorageProvider}. Compiled here against a copy of that interface, which is
 * then left out of the class path, as it is gone from dsreg.
 */
final class OldSpiBackend {
    static final String PROVIDER = "com.example.oldhsm.OldHsmProvider";

    private OldSpiBackend() {
    }

    /** Compiles the provider into the class-path directory {@code classes} (the old interface elsewhere). */
    static void compileInto(Path classes, Path work) {
        try {
            Path src = Files.createDirectories(work.resolve("src"));
            Path oldPort = Files.createDirectories(src.resolve("org/dsreg/port/out"));
            Path provider = Files.createDirectories(src.resolve("com/example/oldhsm"));
            Files.writeString(oldPort.resolve("KeyStorageProvider.java"),
                    "package org.dsreg.port.out;\npublic interface KeyStorageProvider { String name(); }\n");
            Files.writeString(provider.resolve("OldHsmProvider.java"), "package com.example.oldhsm;\n"
                    + "public class OldHsmProvider implements org.dsreg.port.out.KeyStorageProvider {\n"
                    + "    public String name() { return \"old-hsm\"; }\n}\n");
            Path out = Files.createDirectories(work.resolve("out"));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int rc = javac.run(null, null, null, List.of("-d", out.toString(),
                    oldPort.resolve("KeyStorageProvider.java").toString(),
                    provider.resolve("OldHsmProvider.java").toString()).toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("javac failed: " + rc);
            }
            Path compiled = Files.createDirectories(classes.resolve("com/example/oldhsm"));
            Files.copy(out.resolve("com/example/oldhsm/OldHsmProvider.class"), compiled.resolve("OldHsmProvider.class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
