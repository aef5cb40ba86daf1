package org.dsreg.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dsreg.domain.DeviceManagement;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.ManagementCheck;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.Remedy;
import org.dsreg.port.out.HostFacts;

/**
 * The verdicts on a registration's management state, scope the device: whether Graph has the device ("Device Object
 * Test"), whether it is enabled ("Device Enabled Test"), compliant ("Compliance Test"), and recorded with this host's
 * OS version ("OS Version Test").
 */
final class ManagementVerdicts {
    static final String ENABLED = "Device Enabled Test";
    static final String COMPLIANCE = "Compliance Test";
    static final String OS_VERSION = "OS Version Test";
    /** Who can enable a disabled device, and where. */
    static final String ENABLE = "an administrator can enable it in the Microsoft Entra admin center (Devices, All"
            + " devices, Enable); dsreg does not re-join a disabled device, which would undo their decision";

    private final HostFacts host;
    private final Clock clock;

    ManagementVerdicts(HostFacts host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    List<Diagnostics.Result> of(ManagementCheck check, Registration r) {
        String scope = "device " + check.deviceId();
        List<Diagnostics.Result> results = new ArrayList<>();
        ManagementCheck.Lookup lookup = check.lookup();
        if (lookup instanceof ManagementCheck.Skipped s) {
            results.add(new Diagnostics.Result(scope, ManagementDiagnosis.OBJECT, Outcome.SKIPPED, s.reason(),
                    s.remedy()));
        } else if (lookup instanceof ManagementCheck.Failed f) {
            results.add(new Diagnostics.Result(scope, ManagementDiagnosis.OBJECT, Outcome.FAIL, f.reason()));
        } else if (lookup instanceof ManagementCheck.NotFound n) {
            results.add(new Diagnostics.Result(scope, ManagementDiagnosis.OBJECT, Outcome.FAIL, n.reason()
                    + ": an administrator deleted it, or the join never completed", Optional.of(missing(r))));
        } else if (lookup instanceof ManagementCheck.Disabled d) {
            results.add(new Diagnostics.Result(scope, ManagementDiagnosis.OBJECT, Outcome.SKIPPED, "no Graph token: "
                    + d.reason()));
            results.add(new Diagnostics.Result(scope, ENABLED, Outcome.FAIL, "the device is disabled: it gets no"
                    + " tokens, and its users no single sign-on", Optional.of(Remedy.say(ENABLE))));
        } else if (lookup instanceof ManagementCheck.Found f) {
            DeviceManagement d = f.device();
            results.add(new Diagnostics.Result(scope, ManagementDiagnosis.OBJECT, Outcome.PASS, "Microsoft Graph has"
                    + " it, object id " + d.objectId()));
            results.add(enabled(scope, d));
            results.add(compliance(scope, d));
            results.add(osVersion(scope, d));
        }
        return results;
    }

    /** A missing device: dsreg's is repaired (joined again as it was, dsreg --repair); the broker's, through the broker. */
    private static Remedy missing(Registration r) {
        return r.source() == RegistrationSource.DSREG ? new Remedy.Repair(r.tenantId())
                : Remedy.say("join this device again through the Microsoft identity broker (the Intune app)");
    }

    private static Diagnostics.Result enabled(String scope, DeviceManagement d) {
        if (d.accountEnabled().isEmpty()) {
            return new Diagnostics.Result(scope, ENABLED, Outcome.SKIPPED, "Graph did not say (accountEnabled)");
        }
        return d.disabled()
                ? new Diagnostics.Result(scope, ENABLED, Outcome.FAIL, "the device is disabled: it gets no tokens,"
                        + " and its users no single sign-on", Optional.of(Remedy.say(ENABLE)))
                : new Diagnostics.Result(scope, ENABLED, Outcome.PASS, "enabled");
    }

    /**
     * Compliant: PASS (WARN when the compliance state has expired). Not compliant: FAIL when an MDM manages the
     * device (it judged the device and found it wanting; "require a compliant device" Conditional Access blocks its
     * sign-ins); WARN when none does (nothing evaluates compliance; only a policy requiring it blocks sign-ins).
     * Not reported (Graph's {@code isCompliant} absent or null): WARN, since nothing says the device fails.
     */
    private Diagnostics.Result compliance(String scope, DeviceManagement d) {
        String app = d.managementApp().map(a -> " (" + a + ")").orElse("");
        if (d.compliant().isEmpty()) {
            return new Diagnostics.Result(scope, COMPLIANCE, Outcome.WARN, "compliance is not reported: Microsoft"
                    + " Graph did not say (isCompliant)" + app + d.managed().map(m -> m ? "; an MDM manages the device"
                    : "; no MDM manages the device").orElse(""), Optional.of(Remedy.say("where Conditional Access"
                    + " requires a compliant device, see the MDM's report of this device (for Intune: the Intune"
                    + " app, intune-portal)")));
        }
        if (d.compliant().orElse(false)) {
            Optional<Instant> expiry = d.complianceExpiration();
            if (expiry.isPresent() && expiry.get().isBefore(now())) {
                return new Diagnostics.Result(scope, COMPLIANCE, Outcome.WARN, "compliant, but the compliance state"
                        + " expired " + expiry.get() + app, Optional.of(Remedy.say("let the MDM agent check in"
                        + " again (for Intune: open the Intune app)")));
            }
            return new Diagnostics.Result(scope, COMPLIANCE, Outcome.PASS, "compliant" + app
                    + expiry.map(t -> ", until " + t).orElse(""));
        }
        if (d.managed().orElse(false)) {
            return new Diagnostics.Result(scope, COMPLIANCE, Outcome.FAIL, "not compliant with its MDM's policies"
                    + app + ": Conditional Access that requires a compliant device blocks its sign-ins",
                    Optional.of(Remedy.say("see the MDM's report of what is not compliant (for Intune: the Intune"
                            + " app, intune-portal)")));
        }
        return new Diagnostics.Result(scope, COMPLIANCE, Outcome.WARN, "not managed by an MDM, so not compliant:"
                + " Conditional Access that requires a compliant device blocks its sign-ins",
                Optional.of(Remedy.say("enrol it in Intune (intune-portal) where compliant devices are required")));
    }

    /** The OS version Entra records against this host's (what a join sends: os-release's PRETTY_NAME). */
    private Diagnostics.Result osVersion(String scope, DeviceManagement d) {
        if (d.operatingSystemVersion().isEmpty()) {
            return new Diagnostics.Result(scope, OS_VERSION, Outcome.SKIPPED, "Entra records no OS version");
        }
        String recorded = d.operatingSystemVersion().get().strip();
        String here = host.host().osPrettyName().strip();
        String os = d.operatingSystem().map(o -> o + " ").orElse("");
        if (recorded.toLowerCase(Locale.ROOT).equals(here.toLowerCase(Locale.ROOT))) {
            return new Diagnostics.Result(scope, OS_VERSION, Outcome.PASS, os + recorded + ", as this host");
        }
        return new Diagnostics.Result(scope, OS_VERSION, Outcome.WARN, "Entra records " + os + "'" + recorded
                + "', this host is '" + here + "'", Optional.of(Remedy.say("Entra keeps what the device reported when"
                + " it joined (or its MDM since); a point release changes it, and only policies that filter on the"
                + " OS version care")));
    }
}
