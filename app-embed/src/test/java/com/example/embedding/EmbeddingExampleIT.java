package com.example.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Registration;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.TenantRef;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.DsregSettings;
import org.dsreg.embed.JoinRequest;
import org.dsreg.embed.KeyStorageBackend;
import org.dsreg.embed.TokenSource;
import org.dsreg.testkit.drs.DrsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How another Java program uses dsreg, with the public API only (this package is not dsreg's):
 * join a tenant, read the status, diagnose, list the key storages, unregister. Runs against the local DRS emulator.
 */
class EmbeddingExampleIT {
    @TempDir
    Path dir;

    @Test
    void joinReadStatusDiagnoseAndUnregisterWithoutTheCli() throws Exception {
        try (DrsEmulator drs = DrsEmulator.start(Files.createDirectories(dir.resolve("drs")))) {
            Path token = Files.writeString(dir.resolve("token"), drs.issueAccessToken("admin@" + drs.tenantDomain()));

            // 1. settings: a state directory of our own, the DRS to talk to, and its CA
            DsregSettings settings = DsregSettings.defaults()
                    .withStateDir(dir.resolve("state"))
                    .withBuses(Optional.empty(), "unix:path=" + dir.resolve("no-system-bus"))
                    .withDrs(java.net.URI.create(drs.baseUrl()), Optional.of(drs.caPem()));

            try (Dsreg dsreg = Dsreg.create(settings)) {
                // 2. join, with the token from a file and software keys (the defaults: an Entra join of an
                //    exclusive device, keys in software)
                JoinRequest request = JoinRequest.join(TenantRef.parse(drs.tenantId()))
                        .withDeviceName("embedded-host")
                        .withTokenSource(new TokenSource.File(token));
                Registration joined = dsreg.join(request, message -> { }); // no device code flow: nothing to show
                assertEquals("software", joined.deviceKey().storage());

                // 3. status: immutable domain values
                DeviceStatus status = dsreg.status();
                assertTrue(status.registered());
                assertEquals(joined.deviceId(), status.registrations().get(0).registration().deviceId());
                assertTrue(status.joinState().azureAdJoined());

                // 4. diagnostics
                Diagnostics diagnostics = dsreg.diagnose(Optional.of(TenantId.parse(drs.tenantId())));
                assertTrue(diagnostics.results().stream().anyMatch(r -> r.test().equals("KeySignTest")
                        && r.result() == Diagnostics.Outcome.PASS), diagnostics.toString());

                // 5. the key-storage backends this program sees
                assertTrue(dsreg.keyStorages().stream().filter(KeyStorageBackend::usable)
                        .anyMatch(b -> b.name().equals("software")));

                // 6. unregister
                dsreg.unregister(joined.tenantId());
                assertFalse(dsreg.status().registered());
                assertTrue(drs.devices().get(joined.deviceId().toString()).deleted());
            }
        }
    }
}
