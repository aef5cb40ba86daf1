package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dsreg.testkit.ExternalTools;
import org.dsreg.testkit.drs.DrsEmulator;
import org.dsreg.testkit.drs.DrsEmulatorExtension;
import org.dsreg.testkit.drs.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code dsreg} joining the DRS emulator (TLS on loopback) as a shared or an exclusive device: what
 * the join body asks DRS for, and what status then shows.
 */
@ExtendWith(DrsEmulatorExtension.class)
class DeviceModeIT {
    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    DrsEmulator drs;
    Path token;

    @BeforeEach
    void token(DrsEmulator emulator) throws Exception {
        drs = emulator;
        token = TokenFiles.admin(drs, dir);
    }

    private ExternalTools.Result dsreg(String... args) {
        return ExternalTools.run(PackagedCli.command(dir, dir.resolve("state"), List.of(args)));
    }

    private ExternalTools.Result join(String... extra) {
        List<String> args = new ArrayList<>(List.of("--join", "--tenant-id", drs.tenantId(), "--token-source",
                "file:" + token, "--drs-url", drs.baseUrl(), "--trust-ca", drs.caPem().toString(), "--timeout", "30"));
        args.addAll(List.of(extra));
        ExternalTools.Result r = dsreg(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        return r;
    }

    /** The Attributes of the one join request the emulator received. */
    private JsonNode joinAttributes() throws Exception {
        List<RecordedRequest> joins = drs.requests().stream()
                .filter(q -> q.method().equals("POST") && q.path().equals("/EnrollmentServer/device/")).toList();
        assertEquals(1, joins.size(), drs.requests().toString());
        return mapper.readTree(joins.get(0).bodyText()).get("Attributes");
    }

    @Test
    void aSharedJoinAsksDrsForASharedDeviceAndStatusShowsIt() throws Exception {
        join("--device-mode", "shared");
        assertEquals("true", joinAttributes().get("SharedDevice").textValue(), "the string \"true\"");

        var text = dsreg("--status");
        assertEquals(0, text.exitCode(), text.stderr());
        assertTrue(text.stdout().matches("(?s).*\nDevice Mode +: Shared\n.*"), text.stdout());
        var json = dsreg("--status", "--json");
        assertEquals(0, json.exitCode(), json.stderr());
        JsonNode status = mapper.readTree(json.stdout());
        assertEquals(java.util.Set.of(), StatusCommandTest.schema().validate(status), json.stdout());
        assertEquals("SHARED", status.at("/registrations/0/deviceMode").textValue());
    }

    @Test
    void aDefaultJoinIsExclusiveAndAsksForNothing() throws Exception {
        JsonNode joined = mapper.readTree(join("--json").stdout());
        assertEquals("EXCLUSIVE", joined.get("deviceMode").asText());
        assertTrue(joinAttributes().path("SharedDevice").isMissingNode(), joinAttributes().toString());

        var text = dsreg("--status");
        assertTrue(text.stdout().matches("(?s).*\nDevice Mode +: Exclusive\n.*"), text.stdout());
        JsonNode status = mapper.readTree(dsreg("--status", "--json").stdout());
        assertEquals(java.util.Set.of(), StatusCommandTest.schema().validate(status));
        assertEquals("EXCLUSIVE", status.at("/registrations/0/deviceMode").textValue());
    }

    @Test
    void aSharedRegistrationIsRefusedBeforeAnyRequest() {
        var r = dsreg("--join", "--tenant-id", drs.tenantId(), "--device-mode", "shared", "--join-type", "register",
                "--token-source", "file:" + token, "--drs-url", drs.baseUrl(), "--trust-ca", drs.caPem().toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("dsreg: a shared device is an Entra join:"), r.stderr());
        assertEquals(List.of(), drs.requests(), "DRS was not asked anything");
    }
}
