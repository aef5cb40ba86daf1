package org.dsreg.dist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The class list this build staged was trained on the runs users make: the live-broker status
 * (D-Bus, the broker's JSON replies, systemd), --diagnose and a registered device's status, not
 * only the no-bus runs; the join's own classes are left out.
 */
class ClassListIT {
    private static final Path LIST = Path.of("target/stage/usr/share/dsreg/dsreg.classlist");

    private static Set<String> classes() throws IOException {
        return new HashSet<>(Files.readAllLines(LIST, StandardCharsets.UTF_8));
    }

    @Test
    void holdsTheNoBusRuns() throws IOException {
        Set<String> classes = classes();
        assertTrue(classes.contains("org/dsreg/cli/Main"), "Main");
        assertTrue(classes.contains("org/dsreg/cli/JsonRenderer"), "--status --json");
        assertTrue(classes.contains("picocli/CommandLine$Help"), "--help");
    }

    @Test
    void holdsTheLiveBrokerRuns() throws IOException {
        Set<String> classes = classes();
        // a D-Bus call answered (the no-bus runs never get a reply)
        assertTrue(classes.contains("org/freedesktop/dbus/messages/MethodReturn"), "a D-Bus reply");
        assertTrue(classes.contains("org/dsreg/application/DiagnoseService"), "--diagnose");
        // only a registration's status reads a certificate
        assertTrue(classes.contains("org/dsreg/adapter/linux/CertificateParser"), "a registered status");
    }

    @Test
    void leavesTheJoinsOwnClassesOut() throws IOException {
        assertFalse(classes().contains("okhttp3/OkHttpClient"), "HTTPS is the join's, not the status's");
    }
}
