package org.dsreg.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.JoinDeviceUseCase;
import org.dsreg.port.in.RefreshPrtCommand;
import org.dsreg.port.in.RefreshPrtResult;
import org.dsreg.port.in.RefreshPrtUseCase;
import org.dsreg.port.in.TokenSourceSpec;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.TokenServiceException;

/**
 * The PRT tests of one of dsreg's registrations: whether it holds a PRT ("PRT Present Test", scope the device), and
 * for each PRT whether it has expired ("PRT Expiry Test") and whether the service renews it ("PRT Renewal Test",
 * scope the device and the account): a renewal is made, as {@code dsregcmd /refreshprt} makes one. A renewal never
 * signs anyone in: were the refresh to ask for a device code sign-in, the test fails instead.
 */
final class PrtDiagnosis {
    static final String PRESENT = "PRT Present Test";
    static final String EXPIRY = "PRT Expiry Test";
    static final String RENEWAL = "PRT Renewal Test";

    /** The prompt of a renewal, which never needs one: a sign-in asked for is refused. */
    private static final JoinDeviceUseCase.DeviceCodePrompt NO_SIGN_IN = message -> {
        throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the refresh asked for a sign-in, which a diagnosis"
                + " does not make");
    };

    private final PrtStore store;
    private final RefreshPrtUseCase refresh;
    private final Clock clock;

    PrtDiagnosis(PrtStore store, RefreshPrtUseCase refresh, Clock clock) {
        this.store = store;
        this.refresh = refresh;
        this.clock = clock;
    }

    /** The results for dsreg's registration {@code r}. */
    List<Diagnostics.Result> results(Registration r) {
        String scope = "device " + r.deviceId();
        List<Diagnostics.Result> results = new ArrayList<>();
        PrtRecords records = store.read(r.tenantId());
        if (records instanceof PrtRecords.RootOnly) {
            results.add(new Diagnostics.Result(scope, PRESENT, Outcome.SKIPPED, "dsreg's PRTs are readable by root"
                    + " only", Optional.of(new Remedy.RunAsRoot())));
        } else if (records instanceof PrtRecords.Unreadable u) {
            results.add(new Diagnostics.Result(scope, PRESENT, Outcome.FAIL, "dsreg's PRT files cannot be read: "
                    + u.reason()));
        } else if (records instanceof PrtRecords.Known k && k.prts().isEmpty()) {
            results.add(new Diagnostics.Result(scope, PRESENT, Outcome.FAIL, "no PRT yet"
                    + k.lastAttempt().filter(a -> !a.succeeded()).map(a -> "; the last attempt failed: " + describe(a))
                    .orElse(""), Optional.of(new Remedy.RefreshPrt(r.tenantId()))));
        } else if (records instanceof PrtRecords.Known k) {
            results.add(new Diagnostics.Result(scope, PRESENT, Outcome.PASS, k.prts().size()
                    + (k.prts().size() == 1 ? " PRT: " : " PRTs: ")
                    + k.prts().stream().map(DsregPrt::upn).collect(Collectors.joining(", "))));
            for (DsregPrt prt : k.prts()) {
                account(r, scope + ", account " + prt.upn(), prt, results);
            }
        }
        return results;
    }

    private void account(Registration r, String scope, DsregPrt prt, List<Diagnostics.Result> results) {
        Instant now = clock.instant();
        Optional<Instant> expiry = prt.expiresOn();
        if (expiry.isEmpty()) {
            results.add(new Diagnostics.Result(scope, EXPIRY, Outcome.SKIPPED, "the service named no expiry"));
        } else if (prt.expiredAt(now)) {
            results.add(new Diagnostics.Result(scope, EXPIRY, Outcome.FAIL, "expired " + expiry.get(),
                    Optional.of(new Remedy.RefreshPrt(r.tenantId()))));
            results.add(new Diagnostics.Result(scope, RENEWAL, Outcome.SKIPPED, "an expired PRT is not renewed"));
            return;
        } else {
            results.add(new Diagnostics.Result(scope, EXPIRY, Outcome.PASS, "valid until " + expiry.get() + " ("
                    + DiagnoseService.describe(Duration.between(now, expiry.get())) + " left)"));
        }
        results.add(renewal(r, scope, prt));
    }

    private Diagnostics.Result renewal(Registration r, String scope, DsregPrt prt) {
        try {
            RefreshPrtResult renewed = refresh.refresh(new RefreshPrtCommand(r.tenantId(),
                    new TokenSourceSpec.DeviceCode(), Optional.of(prt.objectId())), NO_SIGN_IN);
            return new Diagnostics.Result(scope, RENEWAL, Outcome.PASS,
                    (renewed.kind() == PrtAttempt.Kind.RENEW ? "renewed" : "acquired anew")
                            + renewed.prt().expiresOn().map(t -> ", valid until " + t).orElse(""));
        } catch (TokenServiceException e) {
            return new Diagnostics.Result(scope, RENEWAL, Outcome.FAIL, answer(e.errorCode(),
                    Optional.of(e.description())) + " (" + e.httpStatus().map(s -> "HTTP " + s + ", ").orElse("")
                    + e.traceId().map(t -> "trace id " + t + ", ").orElse("") + "correlation id " + e.correlationId()
                    + ", " + e.endpoint() + ")");
        } catch (DsregException e) {
            return new Diagnostics.Result(scope, RENEWAL, Outcome.FAIL, e.getMessage());
        }
    }

    /** An attempt in one line: what, when, and the service's answer. */
    static String describe(PrtAttempt a) {
        return (a.kind() == PrtAttempt.Kind.ACQUIRE ? "acquire" : "renew") + " at " + a.at()
                + a.account().map(u -> " for " + u).orElse("")
                + (a.errorCode().isPresent() || a.description().isPresent()
                ? ", " + answer(a.errorCode(), a.description()) : "")
                + a.httpStatus().map(s -> " (HTTP " + s + ")").orElse("");
    }

    /**
     * The service's code and description, the code once: Entra's {@code error_description} starts with its
     * {@code AADSTS<n>:} code (docs/protocol.md, drs-protocol.md 6a "Errors").
     */
    static String answer(Optional<String> code, Optional<String> description) {
        if (description.isEmpty()) {
            return code.orElse("refused");
        }
        if (code.isEmpty() || description.get().startsWith(code.get())) {
            return description.get();
        }
        return code.get() + ": " + description.get();
    }
}
