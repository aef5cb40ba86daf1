package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small rules of the value types that status, join and cleanup decide by. */
class DomainValuesTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    static CertificateInfo cert(String der, byte[] key) {
        byte[] d = der.getBytes(StandardCharsets.US_ASCII);
        return new CertificateInfo("CN=device", "CN=MS-Organization-Access", "0a", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)), Thumbprint.ofDer(d), key, d);
    }

    @Test
    void printableShowsEachControlCharacterAsAQuestionMark() {
        assertEquals("a?b?[31m c", Printable.of("a\nb\u001b[31m c"));
        assertEquals("null", Printable.of(null));
    }

    @Test
    void aCertificateCertifiesExactlyItsOwnKey() {
        CertificateInfo c = cert("cert", new byte[] {1, 2, 3});
        assertTrue(c.certifiesKey(new byte[] {1, 2, 3}));
        assertFalse(c.certifiesKey(new byte[] {1, 2, 4}));
        assertFalse(c.certifiesKey(new byte[0]));
    }

    @Test
    void aCertificateKeepsDefensiveCopiesOfItsBytes() {
        byte[] key = {1, 2, 3};
        CertificateInfo c = cert("cert", key);
        key[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, c.publicKeyInfo());
        c.publicKeyInfo()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, c.publicKeyInfo());
        assertArrayEquals("cert".getBytes(StandardCharsets.US_ASCII), c.der());
        c.der()[0] = 0;
        assertArrayEquals("cert".getBytes(StandardCharsets.US_ASCII), c.der());
    }

    @Test
    void aThumbprintThatIsNotTheDersIsRefused() {
        byte[] der = "cert".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IllegalArgumentException.class, () -> new CertificateInfo("CN=x", "CN=y", "1", NOW, NOW,
                Thumbprint.ofDer("other".getBytes(StandardCharsets.US_ASCII)), new byte[0], der));
    }

    @Test
    void certificatesAreEqualByTheirDerOnly() {
        CertificateInfo a = cert("cert", new byte[] {1});
        CertificateInfo b = cert("cert", new byte[] {2});
        CertificateInfo other = cert("other", new byte[] {1});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, other);
        assertNotEquals(a.hashCode(), other.hashCode());
        assertFalse(a.equals("cert"));
        assertTrue(a.toString().contains("subject=CN=device"), a.toString());
        assertTrue(a.toString().contains(a.thumbprint().value()), a.toString());
    }

    @Test
    void brokerErrorSummaryNamesWhatTheBrokerSaid() {
        assertEquals("invalid_grant/token_expired (errorCode 1234, tag t9)",
                new BrokerError("1234", "invalid_grant", "token_expired", "t9", "ctx").summary());
        assertEquals("invalid_grant (tag t9)", new BrokerError("", "invalid_grant", "", "t9", "").summary());
        assertEquals("error (errorCode 7)", new BrokerError("7", "", "", "", "").summary());
        assertEquals("error", new BrokerError("", "", "", "", "ctx").summary());
        assertEquals("error/sub", new BrokerError("", "", "sub", "", "").summary());
    }

    @Test
    void keyAliasesAreValidatedWithoutThrowing() {
        assertTrue(KeyRef.isValidAlias("device-1.key_2"));
        assertFalse(KeyRef.isValidAlias(null));
        assertFalse(KeyRef.isValidAlias(".hidden"));
        assertFalse(KeyRef.isValidAlias("a/b"));
        assertEquals("software:device-1", new KeyRef("software", "device-1").toString());
    }

    static ServiceUnit unit(Optional<String> load, Optional<String> active) {
        return new ServiceUnit("u.service", ServiceUnit.Scope.SYSTEM, load, active, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aUnitIsLoadedUnlessSystemdDoesNotFindItAndActiveOnlyWhenActive() {
        assertEquals(Optional.of(true), unit(Optional.of("loaded"), Optional.empty()).loaded());
        assertEquals(Optional.of(false), unit(Optional.of("not-found"), Optional.empty()).loaded());
        assertEquals(Optional.empty(), unit(Optional.empty(), Optional.empty()).loaded());
        assertTrue(unit(Optional.empty(), Optional.of("active")).active());
        assertFalse(unit(Optional.empty(), Optional.of("failed")).active());
        assertFalse(unit(Optional.empty(), Optional.empty()).active());
    }

    @Test
    void aCleanupSucceedsOnlyWhenNoStepFailed() {
        CleanupStep step = new CleanupStep.RemoveAccount(new Account("alice@contoso.com", Optional.empty(), "o.t",
                Optional.empty(), Optional.empty()));
        assertEquals("remove broker account alice@contoso.com", step.describe());
        var ok = new CleanupReport.StepResult(step, List.of("a"), List.of("link"), List.of());
        var bad = new CleanupReport.StepResult(step, List.of(), List.of(), List.of("b: permission denied"));
        assertTrue(new CleanupReport(List.of(ok)).succeeded());
        assertTrue(new CleanupReport(List.of()).succeeded());
        assertFalse(new CleanupReport(List.of(ok, bad)).succeeded());
    }

    @Test
    void theBrokerVersionIsTheUserBrokersElseTheDeviceBrokers() {
        ServiceUnit u = unit(Optional.empty(), Optional.empty());
        BrokerConnection v1 = new BrokerConnection.Reachable(Optional.of("1.0"));
        BrokerConnection v2 = new BrokerConnection.Reachable(Optional.of("2.0"));
        BrokerConnection none = new BrokerConnection.NotInstalled();
        assertEquals(Optional.of("1.0"), new BrokerInfo(false, false, v1, v2, u, u, Optional.empty()).version());
        assertEquals(Optional.of("2.0"), new BrokerInfo(false, false, none, v2, u, u, Optional.empty()).version());
        assertEquals(Optional.empty(), new BrokerInfo(false, false, none, none, u, u, Optional.empty()).version());
    }

    @Test
    void onlyAHardwareBackedPresentKeyIsTpmProtected() {
        Registration r = HealthRulesTest.registration(JoinType.JOINED, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(100)));
        assertTrue(new RegistrationStatus(r, new KeyStatus.Present(new KeyProtection("tpm", true, ""), true),
                CertificateValidity.VALID).tpmProtected());
        assertFalse(new RegistrationStatus(r, new KeyStatus.Present(new KeyProtection("software", false, ""), true),
                CertificateValidity.VALID).tpmProtected());
        assertFalse(new RegistrationStatus(r, new KeyStatus.Missing("tpm"), CertificateValidity.VALID).tpmProtected());
    }

    @Test
    void aDeviceIsRegisteredWithAtLeastOneRegistration() {
        ServiceUnit u = unit(Optional.empty(), Optional.empty());
        BrokerInfo broker = new BrokerInfo(false, false, new BrokerConnection.NotInstalled(),
                new BrokerConnection.NotInstalled(), u, u, Optional.empty());
        HostInfo host = new HostInfo("h", "Debian", "debian", "12");
        JoinState notJoined = JoinState.of(List.of(), new DomainMembership.NotJoined());
        assertFalse(new DeviceStatus(NOW, host, notJoined, List.of(), broker, new UserState.Known(List.of()),
                List.of()).registered());
        Registration r = HealthRulesTest.registration(JoinType.JOINED, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(100)));
        RegistrationStatus s = new RegistrationStatus(r, new KeyStatus.Missing("software"), CertificateValidity.VALID);
        assertTrue(new DeviceStatus(NOW, host, notJoined, List.of(s), broker, new UserState.Known(List.of()),
                List.of()).registered());
    }

    @Test
    void theRemedyIsKeptAndTheTokenNeverPrinted() {
        assertEquals(Optional.of(Remedy.say("do this")),
                new DsregException(ErrorKind.QUERY_FAILED, "m", Remedy.say("do this"), null).remedy());
        assertEquals(Optional.empty(), new DsregException(ErrorKind.QUERY_FAILED, "m").remedy());
        AccessToken t = new AccessToken("secret.token.sig", Optional.of(NOW), Optional.empty());
        assertEquals("AccessToken[16 chars, expiresOn=2026-06-01T00:00:00Z]", t.toString());
        assertEquals("AccessToken[1 chars, expiresOn=?]",
                new AccessToken("x", Optional.empty(), Optional.empty()).toString());
    }

    @Test
    void deviceStatesHaveDsregcmdsLabels() {
        assertEquals("Microsoft Entra joined", DeviceState.ENTRA_JOINED.label());
        assertEquals("Not joined", DeviceState.NOT_JOINED.label());
    }

    @Test
    void aCertificateExpiringInExactlyTheWarningPeriodIsNotYetWorthAWarning() {
        Registration exactly = HealthRulesTest.registration(JoinType.JOINED, NOW.minus(Duration.ofDays(1)),
                NOW.plus(HealthRules.EXPIRY_WARNING));
        RegistrationStatus s = new RegistrationStatus(exactly,
                new KeyStatus.Present(new KeyProtection("software", false, ""), true), CertificateValidity.VALID);
        assertEquals(List.of(), HealthRules.problemsOf(s, NOW));
        Registration sooner = HealthRulesTest.registration(JoinType.JOINED, NOW.minus(Duration.ofDays(1)),
                NOW.plus(HealthRules.EXPIRY_WARNING).minusSeconds(1));
        assertEquals(1, HealthRules.problemsOf(new RegistrationStatus(sooner, s.deviceKey(), CertificateValidity.VALID),
                NOW).size());
    }
}
