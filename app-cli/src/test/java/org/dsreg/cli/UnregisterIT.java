package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.dsreg.testkit.TestCertificates;
import org.dsreg.testkit.drs.DrsEmulator;
import org.dsreg.testkit.drs.RegisteredDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real dsreg command against the DRS emulator: a device DRS has forgotten is unregistered here, a
 * key that is not the certificate's is refused before any request, a token file others can read
 * works with a warning, and an upper-case {@code HTTPS://} is a URL like any other.
 */
class UnregisterIT {
    @TempDir
    Path dir;
    StatusFixture fx;
    DrsEmulator drs;
    Path tokenFile;

    @BeforeEach
    void start() throws Exception {
        fx = new StatusFixture(dir);
        drs = DrsEmulator.builder().pollInterval(Duration.ofMillis(1000)).start(Files.createDirectories(dir.resolve("drs")));
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, drs.issueAccessToken("admin@" + drs.tenantDomain()) + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() {
        drs.close();
    }

    private StatusFixture.Run dsreg(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--trust-ca", drs.caPem().toString(), "--timeout", "10"));
        if (!all.contains("--drs-url")) {
            all.addAll(List.of("--drs-url", drs.baseUrl()));
        }
        return fx.run(all.toArray(String[]::new));
    }

    private RegisteredDevice joined() {
        var r = dsreg("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + tokenFile);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err(), "a 0600 token file: no warning");
        return drs.devices().values().stream().filter(d -> !d.deleted()).findFirst().orElseThrow();
    }

    @Test
    void aDeviceDrsHasForgottenIsUnregisteredHereAndCanJoinAgain() throws Exception {
        RegisteredDevice device = joined();
        assertTrue(drs.forgetDevice(device.deviceId()), "an administrator deletes it in the portal");

        var r = dsreg("--unregister", "--tenant-id", drs.tenantId());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("DRS had already deleted device " + device.deviceId()), r.out());
        assertTrue(r.out().contains("its keys and registration are removed"), r.out());
        assertEquals("", r.err());
        assertTrue(fx.run("--status").out().contains("Not Registered"));
        try (Stream<Path> keys = Files.list(fx.state.resolve("keys/software"))) {
            assertEquals(List.of(), keys.toList(), "no key left");
        }
        // the DELETE went out with the device certificate: DRS said 404 to the device, not to a stranger
        assertEquals(1, drs.requests().stream().filter(q -> q.method().equals("DELETE")).count());

        assertEquals(5, dsreg("--unregister", "--tenant-id", drs.tenantId()).exitCode(), "nothing left to unregister");
        joined(); // and the device can join again
    }

    @Test
    void aDeviceKeyThatIsNotTheCertificatesIsRefusedBeforeAnyRequest() throws Exception {
        joined();
        Path deviceKey;
        try (Stream<Path> keys = Files.list(fx.state.resolve("keys/software"))) {
            deviceKey = keys.filter(p -> p.getFileName().toString().startsWith("device-")).findFirst().orElseThrow();
        }
        byte[] other = TestCertificates.rsaKeyPair().getPrivate().getEncoded();
        Files.writeString(deviceKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(other) + "\n-----END PRIVATE KEY-----\n");
        int before = drs.requests().size();

        var r = dsreg("--unregister", "--tenant-id", drs.tenantId());
        assertEquals(5, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("dsreg: the device key software:device-"), r.err());
        assertTrue(r.err().contains("does not match the device certificate"), r.err());
        assertFalse(r.err().toLowerCase(java.util.Locale.ROOT).contains("broken pipe"), r.err());
        assertEquals(before, drs.requests().size(), "no request was made");
        assertTrue(Files.exists(deviceKey), "nothing removed");
    }

    @Test
    void aTokenFileOthersCanReadWorksWithAWarning() throws Exception {
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
        var r = dsreg("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + tokenFile);
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = StatusFixture.lines(r.err());
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("dsreg: warning: "), r.err());
        assertTrue(lines.get(0).contains(tokenFile.toString()) && lines.get(0).contains("chmod 600"), r.err());
    }

    @Test
    void anUpperCaseHttpsSchemeIsAnHttpsUrl() {
        String url = drs.baseUrl().replaceFirst("^https", "HTTPS");
        var r = dsreg("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + tokenFile,
                "--drs-url", url);
        assertEquals(0, r.exitCode(), r.err());
    }
}
