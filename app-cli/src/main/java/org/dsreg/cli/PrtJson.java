package org.dsreg.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.RegistrationStatus;
import org.dsreg.domain.Remedy;

/**
 * A registration's dsreg PRT fields in the JSON status (since schema 1.2): {@code prtState}, {@code prtReason},
 * {@code prtHint}, {@code prts} and {@code lastPrtAttempt}. Metadata only: dsreg's PRT records hold no secret.
 */
final class PrtJson {
    private PrtJson() {
    }

    static void put(ObjectNode n, RegistrationStatus rs, Instant now) {
        PrtRecords records = rs.prts();
        ArrayNode prts = n.putArray("prts");
        Optional<PrtAttempt> attempt = Optional.empty();
        String state;
        Optional<String> reason = Optional.empty();
        Optional<String> hint = Optional.empty();
        if (records instanceof PrtRecords.Known k) {
            state = "known";
            k.prts().forEach(p -> prt(prts.addObject(), p, now));
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
        n.put("prtState", state);
        JsonRenderer.putOptional(n, "prtReason", reason);
        JsonRenderer.putOptional(n, "prtHint", hint);
        if (attempt.isPresent()) {
            attempt(n.putObject("lastPrtAttempt"), attempt.get());
        } else {
            n.putNull("lastPrtAttempt");
        }
    }

    private static void prt(ObjectNode n, DsregPrt p, Instant now) {
        n.put("account", p.upn());
        n.put("objectId", p.objectId());
        n.put("cachedAt", p.cachedAt().toString());
        JsonRenderer.putOptional(n, "expiresOn", p.expiresOn().map(Object::toString));
        JsonRenderer.putOptional(n, "lastRefresh", p.lastRefresh().map(Object::toString));
        n.put("ageSeconds", p.age(Clock.fixed(now, ZoneOffset.UTC)).toSeconds());
        n.put("expired", p.expiredAt(now));
        n.put("kdfVersion", p.kdfVersion());
        n.put("sessionKeyProtocol", p.sessionKeyProtocol());
        n.put("sessionKeyProtection", p.sessionKeyProtection());
    }

    private static void attempt(ObjectNode n, PrtAttempt a) {
        n.put("at", a.at().toString());
        n.put("kind", PrtAttemptRows.kind(a.kind()));
        JsonRenderer.putOptional(n, "account", a.account());
        n.put("succeeded", a.succeeded());
        if (a.httpStatus().isPresent()) {
            n.put("httpStatus", a.httpStatus().get());
        } else {
            n.putNull("httpStatus");
        }
        JsonRenderer.putOptional(n, "errorCode", a.errorCode());
        JsonRenderer.putOptional(n, "description", a.description());
        JsonRenderer.putOptional(n, "traceId", a.traceId());
        JsonRenderer.putOptional(n, "correlationId", a.correlationId());
        n.put("endpoint", a.endpoint());
    }
}
