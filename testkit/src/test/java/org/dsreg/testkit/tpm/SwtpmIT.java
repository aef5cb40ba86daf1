package org.dsreg.testkit.tpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dsreg.testkit.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** swtpm as a child process, and tpm2-tools against it. */
class SwtpmIT {
    @TempDir
    Path dir;

    @Test
    void startsOnLoopbackAnswersTheToolsAndStopsOnClose() throws Exception {
        Swtpm tpm = Swtpm.start(dir.resolve("state"));
        try {
            assertTrue(tpm.isAlive());
            assertEquals("swtpm:host=127.0.0.1,port=" + tpm.port(), tpm.tcti());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tpm.port() + 1)) {
                assertTrue(s.isConnected(), "the control port is the next one");
            }
            String caps = tpm.tools(dir).check("tpm2_getcap", "properties-fixed");
            assertTrue(caps.contains("TPM2_PT_MANUFACTURER") && caps.contains("\"IBM\""), caps);
            ExternalTools.Result r = tpm.tools(dir).run("tpm2_getcap", "handles-transient");
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(Files.exists(dir.resolve("state/tpm2-00.permall")), "state kept in the given directory");
        } finally {
            tpm.close();
        }
        assertFalse(tpm.isAlive());
        tpm.close(); // idempotent
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), tpm.port()).close());
    }

    @Test
    void twoAtOnceGetTheirOwnPorts() {
        try (Swtpm a = Swtpm.start(dir.resolve("a")); Swtpm b = Swtpm.start(dir.resolve("b"))) {
            assertNotEquals(a.port(), b.port());
            assertNotEquals(a.port() + 1, b.port());
            assertNotEquals(a.port(), b.port() + 1);
            a.tools(dir).check("tpm2_getrandom", "8", "--hex");
            b.tools(dir).check("tpm2_getrandom", "8", "--hex");
        }
    }

    @Test
    void toolFailuresFailTheTest() {
        try (Swtpm tpm = Swtpm.start(dir.resolve("state"))) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> tpm.tools(dir).check("tpm2_readpublic", "-c", "no-such.ctx"));
            assertTrue(e.getMessage().startsWith("tpm2_readpublic -c no-such.ctx failed (exit "), e.getMessage());
        }
    }
}
