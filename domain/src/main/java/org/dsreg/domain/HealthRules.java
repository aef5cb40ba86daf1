package org.dsreg.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The rules by which status calls a registration unhealthy. Pure functions of their inputs. */
public final class HealthRules {
    /** A certificate that expires sooner than this is worth a warning. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private HealthRules() {
    }

    public static List<Problem> problemsOf(RegistrationStatus status, Instant now) {
        List<Problem> problems = new ArrayList<>();
        Registration r = status.registration();
        String who = "tenant " + r.tenantId();
        Remedy rejoin = new Remedy.Rejoin(r.tenantId(), false);
        // dsreg's own registration is repaired (joined again as it was, the new identity saved once it verifies)
        boolean ours = r.source() == RegistrationSource.DSREG;
        Remedy renew = ours ? new Remedy.Repair(r.tenantId()) : rejoin;
        switch (status.certificateValidity()) {
            case EXPIRED -> problems.add(new Problem(Problem.Severity.ERROR,
                    "The device certificate for " + who + " expired on " + r.certificate().notAfter(), renew));
            case NOT_YET_VALID -> problems.add(new Problem(Problem.Severity.ERROR,
                    "The device certificate for " + who + " is not valid before " + r.certificate().notBefore(),
                    Remedy.say("check the system clock (timedatectl)")));
            case VALID -> {
                if (r.certificate().timeToExpiry(now).compareTo(EXPIRY_WARNING) < 0) {
                    problems.add(new Problem(Problem.Severity.WARNING,
                            "The device certificate for " + who + " expires on " + r.certificate().notAfter(),
                            ours ? renew : new Remedy.Rejoin(r.tenantId(), true)));
                }
            }
        }
        if (status.deviceKey() instanceof KeyStatus.Missing m) {
            problems.add(new Problem(Problem.Severity.ERROR, "The device key " + r.deviceKey() + " for " + who
                    + " is missing from key storage '" + m.storage() + "'", renew));
        } else if (status.deviceKey() instanceof KeyStatus.Present p && !p.matchesCertificate()) {
            problems.add(new Problem(Problem.Severity.ERROR,
                    "The device key " + r.deviceKey() + " does not match the device certificate for " + who, rejoin));
        }
        return problems;
    }
}
