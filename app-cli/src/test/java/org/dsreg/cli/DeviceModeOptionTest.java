package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --device-mode}: each refusal is a usage error (exit 1) on one {@code dsreg:} line, before any request. */
class DeviceModeOptionTest {
    static final String TENANT = MessagesTest.TENANT;

    @TempDir
    Path dir;

    /** The real command, in-process, against a private root and state directory. */
    private StatusFixture.Run run(String... args) {
        return new StatusFixture(dir).run(args);
    }

    /** A join whose network requests would fail (nothing listens on port 1): a usage error comes first. */
    private StatusFixture.Run join(String... extra) {
        List<String> args = new ArrayList<>(List.of("--join", "--tenant-id", TENANT, "--drs-url",
                "https://127.0.0.1:1", "--token-source", "file:" + dir.resolve("token"), "--timeout", "2"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static void assertUsageError(StatusFixture.Run r, String message) {
        assertEquals(1, r.exitCode(), r.err());
        MessagesTest.assertOurs(r);
        assertEquals(List.of("dsreg: " + message, "Try 'dsreg --help' for more information."),
                StatusFixture.lines(r.err()));
        assertEquals("", r.out());
    }

    @Test
    void aSharedRegistrationIsRefused() {
        String why = "a shared device is an Entra join: device mode shared does not go with join type register";
        assertUsageError(join("--device-mode", "shared", "--join-type", "register"), why);
        assertUsageError(join("--device-mode", "SHARED", "--join-type", "register"), why);
        assertFalse(Files.exists(new StatusFixture(dir).state), "nothing was written");
    }

    @Test
    void theModeGoesWithJoinOnly() {
        String why = "--device-mode goes with --join";
        assertUsageError(run("--status", "--device-mode", "shared"), why);
        assertUsageError(run("--unregister", "--tenant-id", TENANT, "--device-mode", "exclusive"), why);
    }

    @Test
    void anUnknownModeNamesTheAcceptedOnes() {
        var r = join("--device-mode", "kiosk");
        assertEquals(1, r.exitCode(), r.err());
        MessagesTest.assertOurs(r);
        assertTrue(r.err().startsWith("dsreg: Invalid value for option '--device-mode': expected one of"
                + " [EXCLUSIVE, SHARED] (case-insensitive) but was 'kiosk'\n"), r.err());
    }

    @Test
    void anyCaseIsAcceptedAndAnExclusiveRegistrationGoesAhead() {
        for (String mode : List.of("Exclusive", "exclusive", "EXCLUSIVE")) {
            var r = join("--device-mode", mode, "--join-type", "register");
            assertEquals(3, r.exitCode(), mode + " is accepted; the join then fails at discovery: " + r.err());
            assertTrue(r.err().startsWith("dsreg: the discovery request to 127.0.0.1 failed"), r.err());
        }
        var shared = join("--device-mode", "Shared");
        assertEquals(3, shared.exitCode(), "a shared join goes ahead: " + shared.err());
    }
}
