package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.dsreg.testkit.drs.DrsEmulator;
import org.dsreg.testkit.drs.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the real dsreg command puts on the wire when it joins, read back from the emulator's recorded requests:
 * the join body as real Linux clients send it (docs/protocol.md), and the nonce asked with the DRS token.
 */
class JoinWireIT {
    static final String PRETTY_NAME = "Debian GNU/Linux 12 (bookworm)";
    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    StatusFixture fx;
    DrsEmulator drs;
    Path tokenFile;
    String token;

    @BeforeEach
    void start() throws Exception {
        fx = new StatusFixture(dir);
        Files.createDirectories(fx.root.resolve("etc"));
        Files.writeString(fx.root.resolve("etc/os-release"), "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n"
                + "PRETTY_NAME=\"" + PRETTY_NAME + "\"\nID=debian\n");
        drs = DrsEmulator.builder().tenantDomain("contoso.example").start(Files.createDirectories(dir.resolve("drs")));
        token = drs.issueAccessToken("admin@contoso.example");
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, token + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() {
        drs.close();
    }

    private StatusFixture.Run join(String tenant, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--join", "--tenant-id", tenant,
                "--token-source", "file:" + tokenFile, "--drs-url", drs.baseUrl(), "--trust-ca",
                drs.caPem().toString(), "--timeout", "5"));
        args.addAll(List.of(extra));
        return fx.run(args.toArray(String[]::new));
    }

    private RecordedRequest only(String method, String pathPrefix) {
        List<RecordedRequest> found = drs.requests().stream()
                .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
        assertEquals(1, found.size(), method + " " + pathPrefix + ": " + drs.requests());
        return found.get(0);
    }

    @Test
    void theJoinBodyIsWhatRealLinuxClientsSend() throws Exception {
        var r = join(drs.tenantId());
        assertEquals(0, r.exitCode(), r.err());

        RecordedRequest post = only("POST", "/EnrollmentServer/device/");
        assertEquals("api-version=2.0", post.query());
        assertEquals("Bearer " + token, post.header("Authorization").orElseThrow());
        JsonNode body = mapper.readTree(post.body());
        JsonNode attributes = body.path("Attributes");
        assertEquals("\"true\"", attributes.path("ReuseDevice").toString(), "a string, as every real client sends");
        assertEquals("\"true\"", attributes.path("ReturnClientSid").toString());
        assertFalse(attributes.has("SharedDevice"), "no SharedDevice unless the user asks for a shared device");
        assertEquals(PRETTY_NAME, body.path("OSVersion").asText(), "os-release's PRETTY_NAME alone");
        assertEquals("contoso.example", body.path("TargetDomain").asText(),
                "a tenant id was given: the tenant's domain from discovery's TenantInfo.TenantName");
        assertEquals("Linux", body.path("DeviceType").asText());
        assertEquals(0, body.path("JoinType").asInt());

        var device = drs.devices().values().iterator().next();
        assertFalse(device.sharedDevice());
        assertEquals("contoso.example", device.targetDomain());
        assertEquals(PRETTY_NAME, device.osVersion());
    }

    @Test
    void theNonceIsAskedWithTheDrsTokenAfterTheTokenIsKnown() throws Exception {
        var r = join(drs.tenantId());
        assertEquals(0, r.exitCode(), r.err());
        RecordedRequest nonce = only("GET", "/EnrollmentServer/nonce/");
        assertEquals("Bearer " + token, nonce.header("Authorization").orElseThrow());
        List<RecordedRequest> all = drs.requests();
        assertTrue(all.indexOf(nonce) < all.indexOf(only("POST", "/EnrollmentServer/device/")), all.toString());
    }

    @Test
    void aDomainGivenToTenantIdIsTheTargetDomain() throws Exception {
        var r = join("Contoso.Example", "--join-type", "register");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode body = mapper.readTree(only("POST", "/EnrollmentServer/device/").body());
        assertEquals("Contoso.Example", body.path("TargetDomain").asText(), "the domain as the user gave it");
        assertEquals(4, body.path("JoinType").asInt());
    }
}
