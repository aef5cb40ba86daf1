package org.dsreg.application;

import static org.dsreg.application.PrtDiagnosisTest.DEV;
import static org.dsreg.application.PrtDiagnosisTest.DEVICE;
import static org.dsreg.application.PrtDiagnosisTest.NOW;
import static org.dsreg.application.PrtDiagnosisTest.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.dsreg.domain.DeviceManagement;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.HostInfo;
import org.dsreg.domain.ManagementCheck;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.Remedy;
import org.dsreg.port.out.HostFacts;
import org.junit.jupiter.api.Test;

/** The Compliance Test on what Graph says of {@code isManaged} and {@code isCompliant}, said, unsaid or null. */
class ManagementVerdictsTest {
    final HostFacts host = new HostFacts() {
        @Override public HostInfo host() { return new HostInfo("build-01", "Debian", "debian", "12"); }
        @Override public DomainMembership domainMembership() { throw new AssertionError("not asked"); }
    };
    final ManagementVerdicts verdicts = new ManagementVerdicts(host, Clock.fixed(NOW, ZoneOffset.UTC));

    Diagnostics.Result compliance(Optional<Boolean> managed, Optional<Boolean> compliant) {
        DeviceManagement d = new DeviceManagement("obj-1", Optional.of(true), managed, compliant, Optional.of("AzureAd"),
                Optional.of("MDM"), Optional.of(DeviceManagement.INTUNE_APP_ID), Optional.of(NOW.minus(Duration.ofDays(1))),
                Optional.empty(), Optional.of("Linux"), Optional.of("Debian"));
        return verdicts.of(new ManagementCheck(TENANT, DEVICE, RegistrationSource.DSREG, new ManagementCheck.Found(d)),
                PrtDiagnosisTest.registration()).stream().filter(r -> r.test().equals(ManagementVerdicts.COMPLIANCE))
                .findFirst().orElseThrow();
    }

    static final Optional<Remedy> SEE_THE_REPORT = Optional.of(Remedy.say("where Conditional Access requires a"
            + " compliant device, see the MDM's report of this device (for Intune: the Intune app, intune-portal)"));

    @Test
    void complianceGraphDoesNotReportIsAWarningNotAFailure() {
        assertEquals(new Diagnostics.Result(DEV, "Compliance Test", Outcome.WARN, "compliance is not reported:"
                + " Microsoft Graph did not say (isCompliant) (Microsoft Intune); an MDM manages the device",
                SEE_THE_REPORT), compliance(Optional.of(true), Optional.empty()));
        assertEquals(new Diagnostics.Result(DEV, "Compliance Test", Outcome.WARN, "compliance is not reported:"
                + " Microsoft Graph did not say (isCompliant) (Microsoft Intune); no MDM manages the device",
                SEE_THE_REPORT), compliance(Optional.of(false), Optional.empty()));
        assertEquals(new Diagnostics.Result(DEV, "Compliance Test", Outcome.WARN, "compliance is not reported:"
                + " Microsoft Graph did not say (isCompliant) (Microsoft Intune)", SEE_THE_REPORT),
                compliance(Optional.empty(), Optional.empty()));
    }

    @Test
    void aManagedDeviceFoundNotCompliantStillFails() {
        Diagnostics.Result r = compliance(Optional.of(true), Optional.of(false));
        assertEquals(Outcome.FAIL, r.result());
        assertEquals("not compliant with its MDM's policies (Microsoft Intune): Conditional Access that requires a"
                + " compliant device blocks its sign-ins", r.detail());
        assertEquals(Outcome.WARN, compliance(Optional.of(false), Optional.of(false)).result(), "no MDM judged it");
        assertEquals(Outcome.PASS, compliance(Optional.of(true), Optional.of(true)).result());
    }
}
