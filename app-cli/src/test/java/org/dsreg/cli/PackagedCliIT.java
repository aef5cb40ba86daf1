package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dsreg.testkit.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code dsreg.jar} run as its own process: real exit codes, real streams. It sees a
 * private root, and buses whose sockets do not exist: never the host's files, brokers or systemd.
 */
class PackagedCliIT {
    @TempDir
    Path dir;

    private ExternalTools.Result dsreg(String... args) {
        return ExternalTools.run(PackagedCli.command(dir, dir.resolve("state"), List.of(args)));
    }

    @Test
    void statusOfAnUnregisteredMachineExitsZero() {
        var r = dsreg("--status");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("Device Registration Status : Not Registered"), r.stdout());
        assertEquals("", r.stderr());
        assertTrue(r.stdout().contains(dir.resolve("no-session-bus") + " does not exist"), r.stdout());
        assertTrue(r.stdout().contains(dir.resolve("no-system-bus") + " does not exist"), r.stdout());
    }

    @Test
    void usageErrorsExitOneOnStderr() {
        var r = dsreg("--bogus");
        assertEquals(1, r.exitCode());
        assertEquals("", r.stdout());
        assertTrue(r.stderr().startsWith("dsreg: Unknown option: '--bogus'"), r.stderr());
        var g = dsreg("--tenant-id", "not-a-guid");
        assertEquals(1, g.exitCode());
        assertTrue(g.stderr().contains("neither a tenant id (GUID) nor a domain name"), g.stderr());
    }

    @Test
    void versionNamesTheBuild() {
        var r = dsreg("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().matches("(?s)dsreg \\d+\\.\\d+\\.\\d+.*"), r.stdout());
    }
}
