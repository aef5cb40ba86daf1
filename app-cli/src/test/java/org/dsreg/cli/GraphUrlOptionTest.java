package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --graph-url} names where the Graph token goes: Microsoft Graph of Microsoft's clouds, or the host of the
 * tenant's own device registration service; anything else is a usage error (exit 1, one {@code dsreg:} line) before
 * any token is asked for. ManagementIT shows the emulator's URL accepted and nothing asked of it when refused.
 */
class GraphUrlOptionTest {
    static final String TENANT = MessagesTest.TENANT;
    static final String GRAPHS = "(dod-graph.microsoft.us, graph.microsoft.com, graph.microsoft.us,"
            + " microsoftgraph.chinacloudapi.cn)";

    @TempDir
    Path dir;
    StatusFixture fx;

    @BeforeEach
    void fixture() {
        fx = new StatusFixture(dir);
    }

    /** --diagnose with this Graph URL; DRS is a closed port on loopback, answered at once. */
    private StatusFixture.Run diagnose(String graphUrl) {
        return fx.run("--diagnose", "--graph-url", graphUrl, "--drs-url", "https://127.0.0.1:1", "--no-proxy",
                "--timeout", "2");
    }

    private static void assertRefused(StatusFixture.Run r, String message) {
        assertEquals(1, r.exitCode(), r.err());
        MessagesTest.assertOurs(r);
        assertEquals(List.of("dsreg: " + message, "Try 'dsreg --help' for more information."),
                StatusFixture.lines(r.err()));
        assertEquals("", r.out(), "not even the status");
    }

    @Test
    void anotherHostIsRefusedNamingTheTenant() {
        fx.join(UUID.fromString(TENANT), Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
        assertRefused(diagnose("https://graph.example.org"), "the Graph URL https://graph.example.org is neither"
                + " Microsoft Graph " + GRAPHS + " nor a host of the device registration service of tenant " + TENANT
                + ": a Graph token is sent to no other host");
        assertRefused(diagnose("https://127.0.0.1:1"), "the Graph URL https://127.0.0.1:1 is neither Microsoft Graph "
                + GRAPHS + " nor a host of the device registration service of tenant " + TENANT
                + ": a Graph token is sent to no other host"); // discovery named no endpoint at this join
    }

    @Test
    void withNothingRegisteredOnlyMicrosoftGraphIsAccepted() {
        assertRefused(diagnose("https://graph.example.org/"), "the Graph URL https://graph.example.org/ is neither"
                + " Microsoft Graph " + GRAPHS + " nor a host of a registered tenant's device registration service"
                + " (nothing here is registered): a Graph token is sent to no other host");
        StatusFixture.Run national = diagnose("https://dod-graph.microsoft.us");
        assertEquals(0, national.exitCode(), national.err());
    }

    @Test
    void aNationalCloudsGraphIsAccepted() {
        fx.join(UUID.fromString(TENANT), Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
        StatusFixture.Run r = diagnose("https://graph.microsoft.us");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Device Management"), r.out());
    }
}
