package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HealthRulesTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");

    static Registration registration(JoinType type, Instant notBefore, Instant notAfter) {
        return registration(type, notBefore, notAfter, RegistrationSource.DSREG);
    }

    static Registration registration(JoinType type, Instant notBefore, Instant notAfter, RegistrationSource source) {
        byte[] der = ("cert-" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        CertificateInfo cert = new CertificateInfo("CN=x", "CN=ca", "01", notBefore, notAfter,
                Thumbprint.ofDer(der), new byte[] {1, 2, 3}, der);
        return new Registration(TENANT, new DeviceId(UUID.randomUUID()), type, Optional.of(DeviceMode.EXCLUSIVE), cert,
                new KeyRef("software", "device"), Optional.empty(), TenantDetails.onlyId(TENANT),
                Optional.empty(), source);
    }

    private static RegistrationStatus status(Registration r, KeyStatus key) {
        return new RegistrationStatus(r, key, r.certificate().validityAt(NOW));
    }

    private static final KeyStatus GOOD_KEY =
            new KeyStatus.Present(new KeyProtection("software", false, ""), true);

    @Test
    void aHealthyRegistrationHasNoProblems() {
        Registration r = registration(JoinType.JOINED, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(365)));
        assertEquals(List.of(), HealthRules.problemsOf(status(r, GOOD_KEY), NOW));
    }

    @Test
    void expiredAndSoonExpiringCertificatesAreReported() {
        Registration expired = registration(JoinType.JOINED, NOW.minus(Duration.ofDays(400)), NOW.minusSeconds(1));
        List<Problem> p = HealthRules.problemsOf(status(expired, GOOD_KEY), NOW);
        assertEquals(1, p.size());
        assertEquals(Problem.Severity.ERROR, p.get(0).severity());
        assertTrue(p.get(0).message().contains("expired"), p.get(0).message());
        assertEquals(new Remedy.Repair(TENANT), p.get(0).remedy(), "dsreg's registration is repaired");

        Registration soon = registration(JoinType.JOINED, NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(29)));
        List<Problem> q = HealthRules.problemsOf(status(soon, GOOD_KEY), NOW);
        assertEquals(Problem.Severity.WARNING, q.get(0).severity());
        assertEquals(new Remedy.Repair(TENANT), q.get(0).remedy(), "a repair renews it");

        // the Microsoft broker's registration is not dsreg's to repair
        Registration theirs = registration(JoinType.JOINED, NOW.minus(Duration.ofDays(400)), NOW.minusSeconds(1),
                RegistrationSource.MICROSOFT_BROKER);
        assertEquals(new Remedy.Rejoin(TENANT, false), HealthRules.problemsOf(status(theirs, GOOD_KEY), NOW).get(0)
                .remedy());
        Registration theirsSoon = registration(JoinType.JOINED, NOW.minus(Duration.ofDays(300)),
                NOW.plus(Duration.ofDays(29)), RegistrationSource.MICROSOFT_BROKER);
        assertEquals(new Remedy.Rejoin(TENANT, true), HealthRules.problemsOf(status(theirsSoon, GOOD_KEY), NOW).get(0)
                .remedy());

        Registration early = registration(JoinType.JOINED, NOW.plusSeconds(60), NOW.plus(Duration.ofDays(365)));
        assertEquals(Remedy.say("check the system clock (timedatectl)"),
                HealthRules.problemsOf(status(early, GOOD_KEY), NOW).get(0).remedy());
    }

    @Test
    void aMissingOrMismatchedKeyIsAnError() {
        Registration r = registration(JoinType.JOINED, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
        Problem missing = HealthRules.problemsOf(status(r, new KeyStatus.Missing("software")), NOW).get(0);
        assertEquals(Problem.Severity.ERROR, missing.severity());
        assertEquals(new Remedy.Repair(TENANT), missing.remedy(), "a repair joins again with a new key");
        List<Problem> mismatch = HealthRules.problemsOf(
                status(r, new KeyStatus.Present(new KeyProtection("software", false, ""), false)), NOW);
        assertTrue(mismatch.get(0).message().contains("does not match"), mismatch.get(0).message());
        assertEquals(new Remedy.Rejoin(TENANT, false), mismatch.get(0).remedy(), "a key not the certificate's is no"
                + " identity a repair can tell gone");
        assertEquals(List.of(), HealthRules.problemsOf(status(r, new KeyStatus.Unknown("root only")), NOW));
    }

    @Test
    void joinStateFollowsTheRegistrations() {
        Instant a = NOW.minus(Duration.ofDays(1));
        Instant b = NOW.plus(Duration.ofDays(1));
        JoinState joined = JoinState.of(List.of(registration(JoinType.JOINED, a, b)), new DomainMembership.NotJoined());
        assertEquals(DeviceState.ENTRA_JOINED, joined.deviceState());
        assertEquals(false, joined.workplaceJoined());

        JoinState hybrid = JoinState.of(List.of(registration(JoinType.JOINED, a, b)), new DomainMembership.Joined("CONTOSO"));
        assertEquals(DeviceState.HYBRID_JOINED, hybrid.deviceState());
        assertEquals(Optional.of("CONTOSO"), hybrid.domainName());

        JoinState registered = JoinState.of(List.of(registration(JoinType.REGISTERED, a, b)), new DomainMembership.NotJoined());
        assertEquals(DeviceState.NOT_JOINED, registered.deviceState());
        assertEquals(true, registered.workplaceJoined());
    }

    @Test
    void certificateValidityBoundaries() {
        Registration r = registration(JoinType.JOINED, NOW, NOW.plusSeconds(10));
        assertEquals(CertificateValidity.VALID, r.certificate().validityAt(NOW));
        assertEquals(CertificateValidity.NOT_YET_VALID, r.certificate().validityAt(NOW.minusNanos(1)));
        assertEquals(CertificateValidity.EXPIRED, r.certificate().validityAt(NOW.plusSeconds(11)));
    }
}
