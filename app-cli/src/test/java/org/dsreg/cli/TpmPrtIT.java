package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dsreg.testkit.drs.DrsEmulator;
import org.dsreg.testkit.tpm.Swtpm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dsreg's PRT with the keys in a TPM (swtpm): the request signed and the session key opened by the TPM, the session
 * key kept inside it (a keyed-hash object), never in a file in the clear.
 */
class TpmPrtIT {
    @TempDir
    Path dir;
    DrsEmulator drs;
    Swtpm tpm;
    EmulatorRuns runs;

    @BeforeEach
    void start() throws Exception {
        tpm = Swtpm.start(Files.createDirectories(dir.resolve("swtpm")));
        drs = DrsEmulator.builder().revokeRenewedPrts(true).start(Files.createDirectories(dir.resolve("drs")));
        runs = new EmulatorRuns(new StatusFixture(dir), drs, dir.resolve("token"));
    }

    @AfterEach
    void stop() {
        drs.close();
        tpm.close();
    }

    @Test
    void acquireRenewUseAndUnregisterWithTheSessionKeyInTheTpm() throws Exception {
        PrtJourney journey = new PrtJourney(runs, dir, "--key-storage", "tpm", "--tpm-tcti", tpm.tcti());
        journey.run("TPM");
    }

    @Test
    void theSessionKeyIsATpmObjectNotAFile() throws Exception {
        PrtJourney journey = new PrtJourney(runs, dir, "--key-storage", "tpm", "--tpm-tcti", tpm.tcti());
        assertEquals(0, runs.join("--key-storage", "tpm", "--tpm-tcti", tpm.tcti()).exitCode());
        Path rt = journey.refreshTokenFile("alice@" + drs.tenantDomain(), "rw-------");
        var r = journey.dsreg("--refreshprt", "--tenant-id", drs.tenantId(), "--token-source", "refresh-token:" + rt);
        assertEquals(0, r.exitCode(), r.err());
        try (Stream<Path> files = Files.walk(runs.fx.state.resolve("keys/tpm"))) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertEquals(6, names.size(), "two RSA keys and the session key, each a public and a private blob: "
                    + names);
        }
        String prtFile;
        try (Stream<Path> files = Files.list(journey.prtDirectory())) {
            prtFile = Files.readString(files.filter(p -> !p.getFileName().toString().startsWith("last-attempt"))
                    .findFirst().orElseThrow());
        }
        assertTrue(prtFile.contains("\"tpm\""), "the PRT file refers to the TPM's session key: " + prtFile.length());
    }

    @Test
    void aFirstPrtBySigningInWithADeviceCodeWithTheKeysInTheTpm() {
        PrtJourney journey = new PrtJourney(runs, dir, "--key-storage", "tpm", "--tpm-tcti", tpm.tcti());
        assertEquals(0, runs.join("--key-storage", "tpm", "--tpm-tcti", tpm.tcti()).exitCode());
        var r = journey.dsreg("--refreshprt", "--tenant-id", drs.tenantId(), "--token-source", "device-code");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Acquired a PRT of user@" + drs.tenantDomain()), r.out());
        assertTrue(r.out().contains("session key protection: TPM"), r.out());
    }
}
