package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dsreg.testkit.drs.DrsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dsreg's PRT with software keys against the emulator: the journey, the device code sign-in, and the refusals. */
class PrtIT {
    @TempDir
    Path dir;
    StatusFixture fx;
    DrsEmulator drs;
    EmulatorRuns runs;

    @BeforeEach
    void start() throws Exception {
        fx = new StatusFixture(dir);
        drs = DrsEmulator.builder().pollInterval(Duration.ofMillis(1000)).pendingPolls(1).revokeRenewedPrts(true)
                .start(Files.createDirectories(dir.resolve("drs")));
        runs = new EmulatorRuns(fx, drs, dir.resolve("token"));
    }

    @AfterEach
    void stop() {
        drs.close();
    }

    @Test
    void acquireRenewUseAndUnregisterWithSoftwareKeys() throws Exception {
        new PrtJourney(runs, dir).run("software");
    }

    @Test
    void aFirstPrtBySigningInWithADeviceCode() {
        assertEquals(0, runs.join().exitCode());
        var r = runs.dsreg("--refreshprt", "--tenant-id", drs.tenantId(), "--token-source", "device-code");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Acquired a PRT of user@" + drs.tenantDomain()), r.out());
        assertTrue(r.err().contains("enter the code"), "the prompt on stderr: " + r.err());
    }

    @Test
    void aSignInAsAnotherAccountIsRefusedAndNothingSaved() {
        assertEquals(0, runs.join().exitCode());
        var r = runs.dsreg("--refreshprt", "--tenant-id", drs.tenantId(), "--account", "bob@" + drs.tenantDomain());
        assertEquals(5, r.exitCode(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("dsreg: the sign-in was as user@")), r.err());
        assertEquals(0, drs.prts().size());
    }

    @Test
    void noRegistrationOfDsregsIsExit5() {
        var r = runs.dsreg("--refreshprt", "--tenant-id", drs.tenantId());
        assertEquals(5, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("dsreg: dsreg holds no registration with tenant"), r.err());
    }

    @Test
    void noPrtForAnAccessTokenIsExit5NamingTheRefresh() {
        assertEquals(0, runs.join().exitCode());
        var r = runs.dsreg("--gettoken", "--tenant-id", drs.tenantId(), "--client-id", PrtJourney.GRAPH_CLIENT,
                "--scope", "https://graph.microsoft.com/.default");
        assertEquals(5, r.exitCode(), r.err());
        assertTrue(r.err().contains("--refreshprt --tenant-id " + drs.tenantId()), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aCorruptPrtFileIsOneLineAndKeptForTheAdministrator() throws Exception {
        PrtJourney journey = new PrtJourney(runs, dir);
        assertEquals(0, runs.join().exitCode());
        Path rt = journey.refreshTokenFile("alice@" + drs.tenantDomain(), "rw-------");
        assertEquals(0, runs.dsreg("--refreshprt", "--tenant-id", drs.tenantId(), "--token-source",
                "refresh-token:" + rt).exitCode());
        Path prtFile;
        try (var files = Files.list(journey.prtDirectory())) {
            prtFile = files.filter(p -> !p.getFileName().toString().startsWith("last-attempt")).findFirst()
                    .orElseThrow();
        }
        Files.writeString(prtFile, "{ not json");
        var r = runs.dsreg("--refreshprt", "--tenant-id", drs.tenantId());
        assertEquals(3, r.exitCode(), r.err());
        assertEquals(List.of("dsreg: PRT file " + prtFile + " is corrupt: not valid JSON (line 1, column 3)"),
                r.err().lines().filter(l -> !l.startsWith("Hint: ")).toList(), r.err());
        assertEquals("{ not json", Files.readString(prtFile), "left as it was");
        var status = runs.dsreg("--status");
        assertTrue(status.out().matches("(?s).*PRT Present +: UNKNOWN \\(.*" + prtFile.getFileName() + " is corrupt.*"),
                status.out());
    }
}
