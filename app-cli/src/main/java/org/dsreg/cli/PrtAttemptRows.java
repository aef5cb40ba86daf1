package org.dsreg.cli;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dsreg.domain.PrtAttempt;

/**
 * The last attempt to acquire or renew one of dsreg's PRTs as rows, named as dsregcmd names its
 * AcquirePrtDiagnostics and RefreshPrtDiagnostics rows (Previous Prt Attempt, Attempt Status, User Identity,
 * Correlation ID, Endpoint URI, HTTP status, Server Error Code, Server Error Description), for the text and
 * dsregcmd formats alike. Holds no secret: the attempt has none.
 */
final class PrtAttemptRows {
    private PrtAttemptRows() {
    }

    /** Label to value, in the order shown; what is unknown is left out. */
    static Map<String, String> of(PrtAttempt a, DateTimeFormatter time) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Previous Prt Attempt", time.format(a.at()));
        rows.put("Attempt Type", kind(a.kind()));
        rows.put("Attempt Status", a.succeeded() ? "SUCCEEDED" : "FAILED");
        a.account().ifPresent(v -> rows.put("User Identity", v));
        a.httpStatus().ifPresent(v -> rows.put("HTTP status", String.valueOf(v)));
        a.errorCode().ifPresent(v -> rows.put("Server Error Code", v));
        a.description().ifPresent(v -> rows.put("Server Error Description", v));
        a.traceId().ifPresent(v -> rows.put("Server Trace ID", v));
        a.correlationId().ifPresent(v -> rows.put("Correlation ID", v));
        rows.put("Endpoint URI", a.endpoint());
        return rows;
    }

    /** {@code acquire} (a first PRT from a user credential) or {@code renew}: the JSON's words too. */
    static String kind(PrtAttempt.Kind kind) {
        return kind == PrtAttempt.Kind.ACQUIRE ? "acquire" : "renew";
    }
}
