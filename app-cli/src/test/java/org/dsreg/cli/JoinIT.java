package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dsreg.testkit.drs.DrsEmulator;
import org.dsreg.testkit.drs.Fault;
import org.dsreg.testkit.drs.RegisteredDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real dsreg command joining, reporting and unregistering against the DRS emulator over TLS on loopback. */
class JoinIT {
    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    StatusFixture fx;
    DrsEmulator drs;
    Path tokenFile;
    EmulatorRuns runs;

    @BeforeEach
    void start() throws Exception {
        fx = new StatusFixture(dir);
        drs = DrsEmulator.builder().pollInterval(Duration.ofMillis(1000)).pendingPolls(1)
                .start(Files.createDirectories(dir.resolve("drs")));
        tokenFile = dir.resolve("token");
        runs = new EmulatorRuns(fx, drs, tokenFile);
    }

    @AfterEach
    void stop() {
        drs.close();
    }

    private StatusFixture.Run dsreg(String... args) {
        return runs.dsreg(args);
    }

    private StatusFixture.Run join(String... extra) {
        return runs.join(extra);
    }

    /** Every file under the state directory with its content: "the state", to compare before and after. */
    private Map<String, String> state() throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(fx.state)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(fx.state)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock"))
                    .toList()) {
                files.put(fx.state.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void joinStatusUnregisterEndToEnd() throws Exception {
        var joined = join("--device-name", "build-01");
        assertEquals(0, joined.exitCode(), joined.err());
        assertEquals(1, drs.devices().size());
        RegisteredDevice device = drs.devices().values().iterator().next();
        assertTrue(joined.out().contains(device.deviceId()), joined.out());
        assertEquals("build-01", device.displayName());
        assertEquals(0, device.joinType());
        assertEquals("Linux", device.deviceType());

        var status = fx.run("--status");
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("Device Registration Status : Registered"), status.out());
        assertTrue(status.out().matches("(?s).*Device ID +: " + device.deviceId() + "\n.*"), status.out());
        assertTrue(status.out().matches("(?s).*TenantName +: " + drs.tenantDomain().replace(".", "\\.") + "\n.*"),
                status.out());
        assertTrue(status.out().matches("(?s).*JoinSrvVersion +: 2\\.0\n.*"), status.out());
        JsonNode json = mapper.readTree(fx.run("--json").out());
        assertEquals(device.deviceId(), json.at("/registrations/0/deviceId").asText());
        assertTrue(json.at("/registrations/0/deviceKey/matchesCertificate").asBoolean());

        // keys: 0600 files in a 0700 directory; the state directory stays readable for status
        try (Stream<Path> keys = Files.list(fx.state.resolve("keys/software"))) {
            List<Path> files = keys.toList();
            assertEquals(2, files.size(), "device and transport key");
            for (Path k : files) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(k)));
            }
        }
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fx.state.resolve("keys/software"))));

        var gone = dsreg("--unregister", "--tenant-id", drs.tenantId());
        assertEquals(0, gone.exitCode(), gone.err());
        assertTrue(drs.devices().get(device.deviceId()).deleted(), "deleted at DRS, authenticated by the device key");
        assertTrue(fx.run("--status").out().contains("Not Registered"));
        assertEquals(Map.of(), state(), "no key and no registration left");

        var again = dsreg("--unregister", "--tenant-id", drs.tenantId());
        assertEquals(5, again.exitCode(), "no device credential left: " + again.err());
    }

    @Test
    void joinByDomainThroughTheDeviceCodeFlowAsARegistration() throws Exception {
        var r = dsreg("--join", "--tenant-id", drs.tenantDomain(), "--join-type", "register",
                "--token-source", "device-code", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("code"), "the sign-in instructions go to stderr: " + r.err());
        JsonNode out = mapper.readTree(r.out());
        assertEquals("REGISTERED", out.get("joinType").asText());
        assertEquals(4, drs.devices().get(out.get("deviceId").asText()).joinType());
        JsonNode status = mapper.readTree(fx.run("--json").out());
        assertTrue(status.at("/deviceState/workplaceJoined").asBoolean());
        assertFalse(status.at("/deviceState/azureAdJoined").asBoolean());
    }

    @Test
    void aTokenForAnotherAudienceIsExitFiveAndLeavesNothing() throws Exception {
        Files.writeString(tokenFile, drs.issueAccessToken("admin@x", "https://graph.microsoft.com"));
        var r = join();
        assertEquals(5, r.exitCode(), r.err());
        assertTrue(r.err().contains("graph.microsoft.com"), r.err());
        assertEquals(Map.of(), state());
        assertTrue(drs.devices().isEmpty());
    }

    @Test
    void anUntrustedDrsIsRefused() throws Exception {
        var r = fx.run("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + tokenFile,
                "--drs-url", drs.baseUrl(), "--timeout", "5");
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("dsreg: the discovery request to 127.0.0.1 failed"), r.err());
        assertTrue(drs.devices().isEmpty());
    }

    /** Faults injected at each step: the join fails with a clear message and the previous state stays. */
    @ParameterizedTest
    @EnumSource(value = Fault.Kind.class, names = {"MALFORMED_JSON", "ERROR_400", "UNAUTHORIZED_401",
        "SERVER_ERROR_500", "CERT_FOR_OTHER_KEY", "WRONG_THUMBPRINT", "TRUNCATED_BODY", "DELAY"})
    void aBadJoinReplyLeavesThePreviousState(Fault.Kind kind) throws Exception {
        // a previous registration (type register: it may sit beside a join) with another tenant survives untouched
        Instant now = Instant.now();
        fx.join(java.util.UUID.randomUUID(), now.minusSeconds(60), now.plus(Duration.ofDays(300)),
                org.dsreg.domain.JoinType.REGISTERED);
        Map<String, String> before = state();

        drs.failNext(kind == Fault.Kind.DELAY ? Fault.delay(Fault.Endpoint.JOIN, Duration.ofSeconds(8))
                : Fault.of(Fault.Endpoint.JOIN, kind));
        var r = fx.run("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + tokenFile,
                "--drs-url", drs.baseUrl(), "--trust-ca", drs.caPem().toString(), "--timeout", "2");
        // each fault fails for its own reason, with its own exit code: 401 is "no usable DRS token" (5)
        int exit = kind == Fault.Kind.UNAUTHORIZED_401 ? 5 : 3;
        String reason = switch (kind) {
            case MALFORMED_JSON -> "DRS sent a malformed join reply: not JSON";
            case ERROR_400 -> "DRS refused the join request: HTTP 400 InvalidParameter: injected fault ERROR_400";
            case UNAUTHORIZED_401 ->
                    "DRS refused the join request: HTTP 401 AuthenticationError: injected fault UNAUTHORIZED_401";
            case SERVER_ERROR_500 ->
                    "DRS refused the join request: HTTP 500 InternalServiceError: injected fault SERVER_ERROR_500";
            case CERT_FOR_OTHER_KEY -> "the certificate DRS issued is for another key than this device's;"
                    + " nothing was saved";
            case WRONG_THUMBPRINT -> "is not that of its certificate";
            case TRUNCATED_BODY -> "the join request to 127.0.0.1 failed: ";
            case DELAY -> "DRS did not answer the join request within 2 s";
            default -> throw new AssertionError(kind);
        };
        assertEquals(exit, r.exitCode(), kind + ": " + r.err());
        assertTrue(r.err().startsWith("dsreg: "), r.err());
        assertTrue(r.err().contains(reason), kind + " should say \"" + reason + "\": " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(before, state(), kind + " must leave the previous state as it was");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.Endpoint.class, names = {"DISCOVERY", "NONCE"})
    void aFailureBeforeTheJoinLeavesNothing(Fault.Endpoint endpoint) throws Exception {
        drs.failNext(Fault.of(endpoint, Fault.Kind.SERVER_ERROR_500));
        var r = join();
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("HTTP 500"), r.err());
        assertEquals(Map.of(), state());
    }

    @Test
    void drsRefusingTheUnregistrationIsExitSixAndKeepsEverything() throws Exception {
        assertEquals(0, join().exitCode());
        Map<String, String> before = state();
        drs.failNext(Fault.of(Fault.Endpoint.DELETE, Fault.Kind.SERVER_ERROR_500));
        var r = dsreg("--unregister", "--tenant-id", drs.tenantId());
        assertEquals(6, r.exitCode(), r.err());
        assertTrue(r.err().contains("HTTP 500"), r.err());
        assertEquals(before, state());
    }

    @Test
    void aSecondDsregWaitsForNoOneAndSaysSo() throws Exception {
        Files.createDirectories(fx.state);
        try (var ch = java.nio.channels.FileChannel.open(fx.state.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var lock = ch.lock()) {
            var r = join();
            assertEquals(3, r.exitCode(), r.err());
            assertTrue(r.err().contains("another dsreg"), r.err());
        }
        assertTrue(drs.devices().isEmpty());
    }
}
