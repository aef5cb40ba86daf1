package org.dsreg.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.RegistrationStatus;
import org.dsreg.domain.Remedy;

/**
 * A registration's dsreg PRT fields in the JSON status (since schema 1.2): {@code prts}, {@code prtState},
 * {@code prtReason}, {@code prtHint} and {@code lastPrtAttempt}. Metadata only: dsreg's PRT records hold no secret.
 */
final class PrtJson {
    private PrtJson() {
    }

    static void put(JsonWriter w, RegistrationStatus rs, Instant now) throws IOException {
        PrtRecords records = rs.prts();
        List<DsregPrt> prts = List.of();
        Optional<PrtAttempt> attempt = Optional.empty();
        String state;
        Optional<String> reason = Optional.empty();
        Optional<String> hint = Optional.empty();
        if (records instanceof PrtRecords.Known k) {
            state = "known";
            prts = k.prts();
            attempt = k.lastAttempt();
            if (k.prts().isEmpty()) {
                reason = Optional.of("no PRT yet");
                hint = Optional.of(RemedyWords.of(new Remedy.RefreshPrt(rs.registration().tenantId())));
            }
        } else if (records instanceof PrtRecords.RootOnly) {
            state = "root-only";
            reason = Optional.of("dsreg's PRTs are shown to root");
            hint = Optional.of(RemedyWords.of(new Remedy.RunAsRoot()));
        } else if (records instanceof PrtRecords.Unreadable u) {
            state = "unreadable";
            reason = Optional.of(u.reason());
        } else {
            state = "not-kept";
        }
        w.array("prts");
        for (DsregPrt p : prts) {
            prt(w.object(), p, now);
            w.endObject();
        }
        w.endArray();
        w.put("prtState", state);
        w.putOptional("prtReason", reason);
        w.putOptional("prtHint", hint);
        if (attempt.isPresent()) {
            attempt(w.object("lastPrtAttempt"), attempt.get());
            w.endObject();
        } else {
            w.putNull("lastPrtAttempt");
        }
    }

    private static void prt(JsonWriter w, DsregPrt p, Instant now) throws IOException {
        w.put("account", p.upn());
        w.put("objectId", p.objectId());
        w.put("cachedAt", p.cachedAt().toString());
        w.putOptional("expiresOn", p.expiresOn().map(Object::toString));
        w.putOptional("lastRefresh", p.lastRefresh().map(Object::toString));
        w.put("ageSeconds", p.age(Clock.fixed(now, ZoneOffset.UTC)).toSeconds());
        w.put("expired", p.expiredAt(now));
        w.put("kdfVersion", p.kdfVersion());
        w.put("sessionKeyProtocol", p.sessionKeyProtocol());
        w.put("sessionKeyProtection", p.sessionKeyProtection());
    }

    private static void attempt(JsonWriter w, PrtAttempt a) throws IOException {
        w.put("at", a.at().toString());
        w.put("kind", PrtAttemptRows.kind(a.kind()));
        w.putOptional("account", a.account());
        w.put("succeeded", a.succeeded());
        if (a.httpStatus().isPresent()) {
            w.put("httpStatus", a.httpStatus().get());
        } else {
            w.putNull("httpStatus");
        }
        w.putOptional("errorCode", a.errorCode());
        w.putOptional("description", a.description());
        w.putOptional("traceId", a.traceId());
        w.putOptional("correlationId", a.correlationId());
        w.put("endpoint", a.endpoint());
    }
}
