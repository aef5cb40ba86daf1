package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dsreg.testkit.drs.DrsEmulator;
import org.dsreg.testkit.tpm.Swtpm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Join, status and unregister with the keys in a TPM (swtpm): the CSR is signed by the TPM and
 * the DRS delete is authenticated by TLS whose private-key operations the TPM performs.
 */
class TpmJoinIT {
    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    StatusFixture fx;
    DrsEmulator drs;
    Swtpm tpm;
    Path token;

    @BeforeEach
    void start() throws Exception {
        fx = new StatusFixture(dir);
        tpm = Swtpm.start(Files.createDirectories(dir.resolve("swtpm")));
        drs = DrsEmulator.start(Files.createDirectories(dir.resolve("drs")));
        token = Files.writeString(dir.resolve("token"), drs.issueAccessToken("admin@" + drs.tenantDomain()));
    }

    @AfterEach
    void stop() {
        drs.close();
        tpm.close();
    }

    private StatusFixture.Run dsreg(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--tpm-tcti", tpm.tcti(), "--timeout", "10"));
        return fx.run(all.toArray(String[]::new));
    }

    @Test
    void joinStatusAndUnregisterWithKeysInTheTpm() throws Exception {
        var joined = dsreg("--join", "--tenant-id", drs.tenantId(), "--key-storage", "tpm",
                "--token-source", "file:" + token, "--drs-url", drs.baseUrl(), "--trust-ca", drs.caPem().toString());
        assertEquals(0, joined.exitCode(), joined.err());

        // the keys are TPM blobs: no private key in any file
        try (Stream<Path> files = Files.list(fx.state.resolve("keys/tpm"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(4, names.size(), names.toString());
            assertTrue(names.stream().allMatch(n -> n.endsWith(".pub") || n.endsWith(".priv")), names.toString());
        }
        assertFalse(Files.exists(fx.state.resolve("keys/software")));

        var status = dsreg("--status");
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().matches("(?s).*TpmProtected +: YES.*"), status.out());
        assertTrue(status.out().matches("(?s).*Key Provider +: TPM 2\\.0 \\(IBM\\).*"), status.out());
        assertTrue(status.out().matches("(?s).*Key Provider Details +: manufacturer IBM, firmware .*"), status.out());
        assertTrue(status.out().matches("(?s).*Key Matches Certificate +: YES.*"), status.out());
        JsonNode json = mapper.readTree(dsreg("--json").out());
        assertTrue(json.at("/registrations/0/tpmProtected").asBoolean());
        assertTrue(json.at("/registrations/0/deviceKey/hardwareBacked").asBoolean());

        String deviceId = json.at("/registrations/0/deviceId").asText();
        var gone = dsreg("--unregister", "--tenant-id", drs.tenantId(), "--drs-url", drs.baseUrl(),
                "--trust-ca", drs.caPem().toString());
        assertEquals(0, gone.exitCode(), gone.err());
        assertTrue(drs.devices().get(deviceId).deleted(), "deleted at DRS over TLS authenticated by the TPM key");
        try (Stream<Path> files = Files.list(fx.state.resolve("keys/tpm"))) {
            assertEquals(0, files.count(), "the TPM key blobs are removed");
        }
        assertTrue(dsreg("--status").out().contains("Not Registered"));
    }

    @Test
    void theTpmBackendIsListedAsUsableWithItsManufacturer() {
        var r = dsreg("--list-key-storages");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*Key Storage: tpm\n-+\n.*Capabilities +: hardware-backed, session-key-hmac\n"
                + "Usable Here +: YES\nDetails +: IBM.*"), r.out());
    }

    @Test
    void anUnreachableTpmIsAClearError() throws Exception {
        int closedPort = tpm.port();
        tpm.close();
        var r = fx.run("--join", "--tenant-id", drs.tenantId(), "--key-storage", "tpm", "--token-source",
                "file:" + token, "--drs-url", drs.baseUrl(), "--trust-ca", drs.caPem().toString(),
                "--tpm-tcti", "swtpm:host=127.0.0.1,port=" + closedPort);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("dsreg: "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(drs.devices().isEmpty());
    }
}
