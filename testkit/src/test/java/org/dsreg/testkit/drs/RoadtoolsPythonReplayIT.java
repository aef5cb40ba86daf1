package org.dsreg.testkit.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dsreg.testkit.ExternalTools;
import org.dsreg.testkit.PythonScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ROADtools' registration and deletion replayed in Python with the libraries ROADtools uses (Debian's
 * python3-requests and python3-cryptography): {@code roadtools_replay.py} builds the requests from the field list of
 * dirkjanm/ROADtools {@code roadlib/roadtools/roadlib/deviceauth.py}. The emulator must answer join 200 with a
 * certificate and delete 200. A missing interpreter or library fails the test; it is never skipped.
 */
@ExtendWith(DrsEmulatorExtension.class)
class RoadtoolsPythonReplayIT {

    @Test
    void roadtoolsShapedPythonClientJoinsAndDeletes(DrsEmulator drs, @TempDir Path dir) throws Exception {
        PythonScript script = PythonScript.require(getClass(), "roadtools_replay.py", dir,
                List.of("cryptography", "requests"), "python3-cryptography python3-requests");
        Path token = dir.resolve("token");
        Files.writeString(token, drs.issueAccessToken("alice@contoso.example"), StandardCharsets.US_ASCII);

        ExternalTools.Result run = script.run(List.of(drs.baseUrl(),
                drs.caPem().toString(), token.toString(), dir.toString()), null,
                Map.of("NO_PROXY", "127.0.0.1", "no_proxy", "127.0.0.1"), dir);

        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        JsonNode result = new ObjectMapper().readTree(run.stdout());
        assertEquals(200, result.path("join").asInt(), run.stdout());
        assertEquals(200, result.path("delete").asInt(), run.stdout());
        RegisteredDevice device = drs.devices().get(result.path("deviceId").asText());
        assertTrue(device.deleted(), "deleted at the emulator, authenticated by the device certificate");
        assertEquals("Windows", device.deviceType());
    }
}
