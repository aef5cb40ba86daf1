package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dsreg.testkit.dbus.BrokerProfile;
import org.dsreg.testkit.dbus.FakeBroker;
import org.dsreg.testkit.dbus.PrivateBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --getdrstoken} against a broker that does not answer, or answers too much: the message
 * says what happened (a timeout, a reply too large), never "holds no account".
 */
class BrokerFailureMessagesIT {
    @TempDir
    Path dir;
    StatusFixture fx;
    PrivateBus session;
    FakeBroker broker;

    @BeforeEach
    void bus() {
        fx = new StatusFixture(dir);
        session = PrivateBus.start(dir.resolve("session"));
        fx.env.put("DBUS_SESSION_BUS_ADDRESS", session.address());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {broker, session}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsATimeout() throws Exception {
        broker = FakeBroker.start(session.address(), BrokerProfile.ACCOUNTS_HANG);
        var r = fx.run("--getdrstoken", "--timeout", "1");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("dsreg: "), r.err());
        assertTrue(r.err().contains("no answer within 1 s"), r.err());
        assertFalse(r.err().contains("holds no account"), r.err());
        assertClean(r.err());
    }

    @Test
    void aHugeReplyIsTooLarge() throws Exception {
        broker = FakeBroker.start(session.address(), BrokerProfile.HUGE_ACCOUNTS);
        var r = fx.run("--getdrstoken", "--timeout", "20");
        assertEquals(3, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("dsreg: "), r.err());
        assertTrue(r.err().contains("too large"), r.err());
        assertFalse(r.err().contains("holds no account"), r.err());
        assertClean(r.err());
    }

    static void assertClean(String err) {
        assertFalse(err.matches("(?s).*\\b(java|javax|org|com)\\.[a-z]+\\.[A-Za-z.]*[A-Z]\\w*.*"),
                "no Java class name: " + err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(err.contains("\tat "), err);
    }
}
