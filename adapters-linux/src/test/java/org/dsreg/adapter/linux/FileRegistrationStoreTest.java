package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.testkit.TestCertificates;
import org.dsreg.domain.CorruptRegistration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRegistrationStoreTest {
    static final TestCertificates CA = TestCertificates.newAuthority("MS-Organization-Access");

    @TempDir
    Path root;

    static Registration registration(UUID tenant) throws Exception {
        KeyPair key = TestCertificates.rsaKeyPair();
        UUID device = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate cert = CA.deviceCertificate(key.getPublic(), device, tenant, "0", now, now.plusSeconds(86400));
        TenantId t = new TenantId(tenant);
        TenantDetails details = new TenantDetails(t, Optional.of("contoso.com"), Optional.of("Contoso"),
                Optional.of("https://login.example/authorize"), Optional.of("https://login.example/token"),
                Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new ServiceEndpoint("2.0", "https://drs.example/EnrollmentServer/device/", "urn:ms-drs:x")),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new Registration(t, new DeviceId(device), JoinType.JOINED, Optional.of(DeviceMode.EXCLUSIVE),
                CertificateParser.info(cert),
                new KeyRef("software", "device-" + tenant), Optional.of(new KeyRef("software", "transport-" + tenant)),
                details, Optional.of(now), RegistrationSource.DSREG);
    }

    private FileRegistrationStore store() {
        return new FileRegistrationStore(new LinuxPaths(Path.of("/"), root.resolve("state")));
    }

    @Test
    void aMissingStateDirectoryMeansNotRegistered() {
        assertEquals(List.of(), store().list());
        assertEquals(Optional.empty(), store().find(TenantId.parse(UUID.randomUUID().toString())));
        assertFalse(Files.exists(root.resolve("state")), "reading must not create state");
    }

    @Test
    void savesAndReadsBackSeveralTenants() throws Exception {
        Registration a = registration(UUID.randomUUID());
        Registration b = registration(UUID.randomUUID());
        store().save(a);
        store().save(b);
        List<Registration> all = store().list();
        assertEquals(2, all.size());
        assertTrue(all.contains(a) && all.contains(b));
        assertEquals(Optional.of(a), store().find(a.tenantId()));

        Path file = root.resolve("state/registrations/" + a.tenantId() + ".json");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var names = Files.list(file.getParent())) {
            assertEquals(2, names.count(), "no temporary files are left behind");
        }
        assertTrue(store().delete(a.tenantId()));
        assertFalse(store().delete(a.tenantId()));
        assertEquals(List.of(b), store().list());
    }

    @Test
    void saveReplacesTheWholeRegistration() throws Exception {
        UUID tenant = UUID.randomUUID();
        Registration first = registration(tenant);
        Registration second = registration(tenant);
        store().save(first);
        store().save(second);
        assertEquals(List.of(second), store().list());
    }

    @Test
    void aCorruptFileIsLeftOutOfTheListNamedWithWhyAndAFailureToFind() throws Exception {
        Registration a = registration(UUID.randomUUID());
        Registration b = registration(UUID.randomUUID());
        store().save(a);
        store().save(b);
        Path file = root.resolve("state/registrations/" + a.tenantId() + ".json");
        Files.writeString(file, Files.readString(file).replace("\"deviceId\"", "\"devId\""));
        assertEquals(List.of(b.tenantId()), store().list().stream().map(Registration::tenantId).toList());
        CorruptRegistration c = store().corrupt().get(0);
        assertEquals(file.toString(), c.file());
        assertEquals(Optional.of(a.tenantId()), c.tenant());
        assertTrue(c.reason().contains("deviceId"), c.reason());
        DsregException e = assertThrows(DsregException.class, () -> store().find(a.tenantId()));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("deviceId"), e.getMessage());

        Files.writeString(file, "{ not json");
        assertEquals(ErrorKind.QUERY_FAILED, assertThrows(DsregException.class, () -> store().find(a.tenantId())).kind());
        assertEquals(1, store().corrupt().size());

        Files.writeString(file, "{\"formatVersion\": 99}");
        assertTrue(store().corrupt().get(0).reason().contains("99"));

        store().save(a);
        Files.writeString(file, Files.readString(file).replaceAll("\"joinType\" *: *\"[A-Z_]+\"", "\"joinType\":\"BOGUS\""));
        assertTrue(store().corrupt().get(0).reason().startsWith("join type 'BOGUS' is not one of ["),
                store().corrupt().get(0).reason());
        assertEquals(1, store().list().size());
    }

    @Test
    void aFileNamedForAnotherTenantThanItRecordsIsCorrupt() throws Exception {
        Registration a = registration(UUID.randomUUID());
        store().save(a);
        Path file = root.resolve("state/registrations/" + a.tenantId() + ".json");
        TenantId other = TenantId.parse(UUID.randomUUID().toString());
        Files.move(file, file.resolveSibling(other + ".json"));
        assertEquals(List.of(), store().list());
        assertTrue(store().corrupt().get(0).reason().contains("named for tenant " + other), store().corrupt().toString());
        assertThrows(DsregException.class, () -> store().find(other));

        Path upper = file.resolveSibling(other.toString().toUpperCase(java.util.Locale.ROOT) + ".json");
        Files.move(file.resolveSibling(other + ".json"), upper);
        assertEquals(upper.toString(), store().corrupt().get(0).file());
        assertTrue(store().corrupt().get(0).reason().contains("not the tenant id in lower case"));
    }

    @Test
    void aSymbolicLinkIsNotFollowed(@TempDir Path elsewhere) throws Exception {
        Registration a = registration(UUID.randomUUID());
        store().save(a);
        Path file = root.resolve("state/registrations/" + a.tenantId() + ".json");
        Path target = elsewhere.resolve("real.json");
        Files.move(file, target);
        Files.createSymbolicLink(file, target);
        assertThrows(DsregException.class, () -> store().list());
        assertThrows(DsregException.class, () -> store().delete(a.tenantId()));
        assertTrue(Files.exists(target), "the link's target is untouched");
    }
}
