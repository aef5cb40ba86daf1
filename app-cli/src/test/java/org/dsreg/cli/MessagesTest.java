package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every message a user sees is ours: one line, "dsreg: ", the right exit code, and no Java class name. */
class MessagesTest {
    static final String TENANT = "aaaabbbb-0000-cccc-1111-dddd2222eeee";

    @TempDir
    Path dir;
    StatusFixture fx;

    @BeforeEach
    void fixture() {
        fx = new StatusFixture(dir);
    }

    static void assertOurs(StatusFixture.Run r) {
        assertTrue(r.err().startsWith("dsreg: "), r.err());
        assertFalse(r.err().matches("(?s).*\\b(java|javax|sun|org|com|okhttp3)\\.[a-z]\\w*\\.[\\w.]*.*"),
                "no class name: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("No enum constant"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aBadEnumValueIsAUsageErrorListingTheAcceptedValues() {
        var type = fx.run("--join", "--tenant-id", TENANT, "--join-type", "BOGUS");
        assertEquals(1, type.exitCode(), type.err());
        assertOurs(type);
        assertTrue(type.err().startsWith("dsreg: --join-type is join or register, not 'BOGUS'"), type.err());

        var format = fx.run("--format", "BOGUS");
        assertEquals(1, format.exitCode(), format.err());
        assertOurs(format);
        assertTrue(format.err().contains("text, dsregcmd, json, prometheus"), format.err());
    }

    @Test
    void aTrustCaThatIsADirectorySaysSo() throws Exception {
        Path ca = Files.createDirectories(dir.resolve("ca"));
        var r = fx.run("--join", "--tenant-id", TENANT, "--token-source", "file:" + dir.resolve("token"),
                "--state-dir", dir.resolve("s").toString(),
                "--drs-url", "https://127.0.0.1:1", "--trust-ca", ca.toString());
        assertOurs(r);
        assertEquals(List.of("dsreg: the CA file " + ca + " is a directory", "Try 'dsreg --help' for more information."),
                StatusFixture.lines(r.err()));
        assertEquals(1, r.exitCode());
    }

    @Test
    void aDrsUrlIsHttpsInAnyCaseAndABrokenOneIsAUsageErrorInWords() {
        var upper = fx.run("--status", "--drs-url", "HTTPS://drs.example");
        assertEquals(0, upper.exitCode(), upper.err());

        var http = fx.run("--status", "--drs-url", "http://drs.example");
        assertEquals(1, http.exitCode());
        assertOurs(http);
        assertTrue(http.err().startsWith("dsreg: the DRS URL must be an https URL with a host: http://drs.example"),
                http.err());

        var broken = fx.run("--status", "--drs-url", "ht tp://x");
        assertEquals(1, broken.exitCode());
        assertOurs(broken);
        assertTrue(broken.err().startsWith("dsreg: Invalid value for option '--drs-url': 'ht tp://x' is not a URL"),
                broken.err());
    }

    @Test
    void aPathTheSystemCannotNameIsAUsageErrorInWords() {
        var r = fx.run("--status", "--state-dir", "a\0b");
        assertEquals(1, r.exitCode());
        assertOurs(r);
        assertTrue(r.err().contains("'a?b' is not a usable path"), r.err());
    }

    @Test
    void anInternalErrorShowsNoExceptionTextWithoutDebug() {
        // a settings value the record refuses with a plain IllegalArgumentException: an internal error
        var r = fx.run("--status", "--timeout", "0.0001", "--state-dir", dir.toString());
        assertEquals(0, r.exitCode(), "the timeout rounds up to 1 ms: " + r.err());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"--status"}, Map.of("DSREG_ROOT", "\0"), false, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(3, code, err.toString());
        assertOurs(new StatusFixture.Run(code, out.toString(), err.toString()));
    }

    @Test
    void theLastScrubTakesClassNamesOutOfAnyMessage() {
        assertEquals("registration file f is corrupt: 'BOGUS' is not one of the accepted values",
                Cli.oneLine("registration file f is corrupt: No enum constant org.dsreg.domain.JoinType.BOGUS"));
        assertEquals("the CA file adir holds no PEM certificate: Is a directory",
                Cli.oneLine("the CA file adir holds no PEM certificate: java.io.IOException: Is a directory"));
        assertEquals("cannot convert 'x' to URI (Illegal character)",
                Cli.oneLine("cannot convert 'x' to URI (java.net.URISyntaxException: Illegal character)"));
        assertEquals("the identity broker went away (org.freedesktop.DBus.Error.NoReply)",
                Cli.oneLine("the identity broker went away (org.freedesktop.DBus.Error.NoReply)"), "a D-Bus name stays");
        assertEquals("a line and the next", Cli.oneLine("a line\n  and the next"));
    }
}
