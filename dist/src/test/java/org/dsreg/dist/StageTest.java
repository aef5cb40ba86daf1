package org.dsreg.dist;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageTest {
    @TempDir
    Path dir;

    @Test
    void libMustHoldExactlyWhatTheManifestNames() throws IOException {
        jar("lib/a.jar lib/b.jar");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/a.jar"), "");
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> Stage.checkLibraries(dir));
        assertTrue(missing.getMessage().contains("missing [lib/b.jar]"), missing.getMessage());

        Files.writeString(dir.resolve("lib/b.jar"), "");
        assertDoesNotThrow(() -> Stage.checkLibraries(dir));

        Files.writeString(dir.resolve("lib/c.jar"), "");
        IllegalStateException extra = assertThrows(IllegalStateException.class, () -> Stage.checkLibraries(dir));
        assertTrue(extra.getMessage().contains("not on the class path [lib/c.jar]"), extra.getMessage());
    }

    @Test
    void manPageIsGzippedTroff() throws IOException {
        Path file = dir.resolve("usr/share/man/man1/dsreg.1.gz");
        Stage.writeManPage(file, "9.9", "2026-03-04");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(page.contains(".TH \"DSREG\" 1 \"2026\\-03\\-04\" \"dsreg 9.9\""), page);
        }
        byte[] first = Files.readAllBytes(file);
        Stage.writeManPage(file, "9.9", "2026-03-04");
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(file)), "the same page, the same bytes");
    }

    @Test
    void completionCompletesTheCommandsOptions() throws IOException {
        Path file = dir.resolve("dsreg");
        Stage.writeCompletion(file);
        String script = Files.readString(file);
        assertTrue(script.contains("complete -F _complete_dsreg"), script);
        for (String option : new String[] {"--status", "--state-dir", "--join", "--list-key-storages", "--help"}) {
            assertTrue(script.contains(option), option);
        }
    }

    @Test
    void dynamicProxiesAreLeftOutOfTheClassList() {
        assertTrue(ClassListTraining.keep("org/dsreg/cli/Main"));
        assertTrue(ClassListTraining.keep("@lambda-proxy org/dsreg/cli/Cli ..."));
        assertFalse(ClassListTraining.keep("jdk/proxy1/$Proxy0"));
        assertFalse(ClassListTraining.keep("com/sun/proxy/jdk/proxy1/$Proxy2"));
        assertFalse(ClassListTraining.keep("  "));
    }

    @Test
    void theClosingThreadsRacyLinesAreLeftOut() {
        assertFalse(ClassListTraining.keep("org/freedesktop/dbus/connections/IDisconnectCallback"));
        assertFalse(ClassListTraining.keep("@lambda-proxy org/freedesktop/dbus/connections/base/AbstractConnectionBase"
                + " accept ()Ljava/util/function/Consumer; (Ljava/lang/Object;)V REF_invokeInterface"
                + " org/freedesktop/dbus/connections/IDisconnectCallback clientDisconnect ()V"));
        assertFalse(ClassListTraining.keep("java/nio/channels/ClosedChannelException"));
        assertTrue(ClassListTraining.keep("org/freedesktop/dbus/connections/impl/DBusConnection"));
        assertTrue(ClassListTraining.keep("@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder"
                + " invokeSpecial LL_L"));
    }

    @Test
    void completionHasNoHashbang() throws IOException {
        Path file = dir.resolve("dsreg");
        Stage.writeCompletion(file);
        assertFalse(Files.readString(file).startsWith("#!"), "bash-completion sources the file; lintian flags a #!");
    }

    @Test
    void libMayBeNamedByAbsolutePaths() throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/a.jar"), "");
        jar("/usr/share/dsreg/lib/a.jar");
        assertDoesNotThrow(() -> Stage.checkLibraries(dir));
    }

    private void jar(String classPath) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(dir.resolve("dsreg.jar")), m)) {
            out.flush();
        }
    }
}
