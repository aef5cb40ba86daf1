package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.dsreg.domain.Registration;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.StagedIdentities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Status names a replacement of a registration that did not finish (a --repair or --rekey interrupted: its record
 * in {@code replacements/}): one line in the registration's Device Details, and {@code pendingReplacement} in JSON
 * (valid by the schema; left out when there is none); a record that cannot be read is not shown. Status settles
 * nothing: the record is still there afterwards.
 */
class PendingReplacementStatusTest {
    static final String TENANT = MessagesTest.TENANT;
    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    StatusFixture fx;
    Registration previous;
    Registration next;

    @BeforeEach
    void registered() {
        fx = new StatusFixture(dir);
        Instant now = Instant.now();
        fx.join(UUID.fromString(TENANT), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
        previous = StateWriter.at(fx.root, fx.state).registrations().find(TenantId.parse(TENANT)).orElseThrow();
        // the new identity a rekey was making: another device, joined elsewhere
        StatusFixture elsewhere = new StatusFixture(dir.resolve("next"));
        elsewhere.join(UUID.fromString(TENANT), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        next = StateWriter.at(elsewhere.root, elsewhere.state).registrations().find(TenantId.parse(TENANT))
                .orElseThrow();
    }

    private Path record() {
        return fx.state.resolve("replacements").resolve(TENANT + ".json");
    }

    @Test
    void anInterruptedRekeyIsNamedInTheRegistrationsBlock() throws Exception {
        StateWriter.at(fx.root, fx.state).staged().stage(new StagedIdentities.Staged(previous, next,
                StagedIdentities.Purpose.REKEY));
        StatusFixture.Run text = fx.run("--status");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("\nPending Replacement     : rekey of device " + previous.deviceId()
                + " to device " + next.deviceId() + " (key storage software) did not finish; the next dsreg run"
                + " that changes state settles it\n"), text.out());

        StatusFixture.Run json = fx.run("--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode n = mapper.readTree(json.out());
        assertEquals(Set.of(), StatusCommandTest.schema().validate(n), n.toPrettyString());
        JsonNode pending = n.at("/registrations/0/pendingReplacement");
        assertEquals("REKEY", pending.path("kind").asText());
        assertEquals(previous.deviceId().toString(), pending.path("previousDeviceId").asText());
        assertEquals(next.deviceId().toString(), pending.path("deviceId").asText());
        assertEquals("software", pending.path("keyStorage").asText());
        assertTrue(Files.exists(record()), "status settles nothing");
    }

    @Test
    void anInterruptedRepairToo() throws Exception {
        StateWriter.at(fx.root, fx.state).staged().stage(new StagedIdentities.Staged(previous, next,
                StagedIdentities.Purpose.REPAIR));
        assertEquals("REPAIR", mapper.readTree(fx.run("--json").out()).at("/registrations/0/pendingReplacement/kind")
                .asText());
        assertTrue(fx.run("--status").out().contains("Pending Replacement     : repair of device "));
    }

    @Test
    void withoutOneThereIsNoLineAndNoField() throws Exception {
        assertFalse(fx.run("--status").out().contains("Pending Replacement"));
        JsonNode n = mapper.readTree(fx.run("--json").out());
        assertTrue(n.at("/registrations/0").has("tenantId"), n.toString());
        assertFalse(n.at("/registrations/0").has("pendingReplacement"), n.toString());
    }

    @Test
    void aRecordThatCannotBeReadIsNotShown() throws Exception {
        Files.createDirectories(record().getParent());
        Files.writeString(record(), "{\"formatVersion\": 1, \"purpose\": \"REK");
        StatusFixture.Run r = fx.run("--status");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("Pending Replacement"), r.out());
        assertFalse(mapper.readTree(fx.run("--json").out()).at("/registrations/0").has("pendingReplacement"));
    }
}
