package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.DrsTestSupport.assertDrsError;
import static org.dsreg.testkit.drs.DrsTestSupport.client;
import static org.dsreg.testkit.drs.DrsTestSupport.get;
import static org.dsreg.testkit.drs.DrsTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DrsEmulatorLifecycleIT {

    @RegisterExtension
    final DrsEmulatorExtension extension = new DrsEmulatorExtension(b -> b.tenantDomain("fabrikam.example")
            .tenantDisplayName("Fabrikam"));

    private DrsEmulator fromBeforeEach;
    private static String previousBaseUrl;

    @BeforeEach
    void before(DrsEmulator drs) {
        fromBeforeEach = drs;
    }

    @AfterEach
    void after(DrsEmulator drs) {
        assertSame(fromBeforeEach, drs);
    }

    @Test
    void theExtensionGivesOneConfiguredEmulatorPerTest(DrsEmulator drs) throws Exception {
        assertSame(fromBeforeEach, drs);
        assertEquals("fabrikam.example", drs.tenantDomain());
        assertTrue(Files.isRegularFile(drs.caPem()));
        assertTrue(drs.baseUrl().matches("https://127\\.0\\.0\\.1:\\d+"), drs.baseUrl());
        UUID.fromString(drs.tenantId());
        assertEquals("Fabrikam", DrsTestSupport.json(get(client(drs), drs.baseUrl() + "/fabrikam.example/Discover"
                + "?api-version=1.9")).at("/TenantInfo/DisplayName").asText());
        if (previousBaseUrl != null) {
            // the previous test's emulator is gone
            assertNotEquals(previousBaseUrl, drs.baseUrl() + "/" + drs.tenantId());
        }
        previousBaseUrl = drs.baseUrl() + "/" + drs.tenantId();
    }

    @Test
    void aSecondTestGetsAnotherEmulator(DrsEmulator drs) throws Exception {
        theExtensionGivesOneConfiguredEmulatorPerTest(drs);
    }

    @Test
    void bodiesOverTheLimitGet413(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        byte[] big = new byte[64 * 1024 + 1];
        assertDrsError(send(http, DrsTestSupport.joinRequest(drs, drs.issueAccessToken("a@b"), big).build()), 413,
                "larger than 65536");
        // chunked, without Content-Length
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(drs.baseUrl() + "/EnrollmentServer/device/"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        assertDrsError(send(http, chunked), 413, "larger than");
        assertEquals(64 * 1024, drs.requests().get(1).body().length, "recorded up to the limit");
        assertEquals(200, get(http, drs.baseUrl() + "/" + drs.tenantId() + "/Discover?api-version=1.9").statusCode());
    }

    @Test
    void storesAreBounded(@TempDir Path dir) throws Exception {
        try (DrsEmulator drs = DrsEmulator.builder().maxEntries(3).start(dir)) {
            HttpClient http = client(drs);
            List<String> nonces = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                nonces.add(DrsTestSupport.nonce(http, drs));
            }
            assertEquals(3, drs.requests().size());
            // the oldest nonce was dropped: it is no longer accepted
            java.security.KeyPair key = DrsTestSupport.rsa2048();
            byte[] old = DrsTestSupport.joinBody(DrsTestSupport.csr(key, nonces.get(0)),
                    DrsTestSupport.blob((java.security.interfaces.RSAPublicKey) key.getPublic()), 0).toString()
                    .getBytes();
            assertDrsError(send(http, DrsTestSupport.joinRequest(drs, drs.issueAccessToken("a@b"), old).build()),
                    400, "not issued");
            for (int i = 0; i < 4; i++) {
                DrsTestSupport.join(drs, http);
            }
            assertEquals(3, drs.devices().size());
            assertEquals(3, drs.requests().size());
        }
    }

    @Test
    void closeStopsPromptlyEvenWithADelayedRequestAndLeavesNoThreads(@TempDir Path dir) throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        DrsEmulator drs = DrsEmulator.start(dir);
        HttpClient http = client(drs);
        assertEquals(200, get(http, drs.baseUrl() + "/" + drs.tenantId() + "/Discover?api-version=1.9").statusCode());
        drs.failNext(Fault.delay(Fault.Endpoint.DISCOVERY, Duration.ofSeconds(30)));
        CompletableFuture<Object> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return get(http, drs.baseUrl() + "/" + drs.tenantId() + "/Discover?api-version=1.9");
            } catch (Exception e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (drs.requests().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        drs.close();
        long closeMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(closeMs < 3000, "close took " + closeMs + " ms");
        assertTrue(pending.get(10, java.util.concurrent.TimeUnit.SECONDS) instanceof IOException);
        drs.close(); // idempotent

        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", drs.port()), 2000);
            }
        });
        Thread.sleep(100);
        Set<String> leftovers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .filter(t -> t.getName().startsWith("drs-emulator") || !t.isDaemon() && !t.getName().startsWith("HttpClient"))
                .map(Thread::getName).collect(Collectors.toSet());
        assertTrue(leftovers.isEmpty(), leftovers.toString());
    }

    @Test
    void fixedPortAndBuilderChecks(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        try (DrsEmulator drs = DrsEmulator.builder().port(port).tenantId(UUID.fromString(
                "11111111-2222-3333-4444-555555555555")).start(dir.resolve("a/b"))) {
            assertEquals("https://127.0.0.1:" + port, drs.baseUrl());
            assertEquals("11111111-2222-3333-4444-555555555555", drs.tenantId());
            assertTrue(Files.isRegularFile(dir.resolve("a/b").resolve(drs.caPem().getFileName())));
        }
        assertThrows(IllegalArgumentException.class, () -> DrsEmulator.builder().port(70000));
        assertThrows(IllegalArgumentException.class, () -> DrsEmulator.builder().joinSuccessStatus(204));
        assertThrows(IllegalArgumentException.class, () -> DrsEmulator.builder().maxEntries(0));
    }
}
