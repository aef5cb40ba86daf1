package org.dsreg.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.RegistrationStatus;

/**
 * The "Primary Refresh Token (dsreg)" section of one of dsreg's own registrations, in the rows of the seed's
 * Primary Refresh Token section (and Session Key Protection), then the last attempt, as dsregcmd's
 * AcquirePrtDiagnostics. The Microsoft broker's registrations have none: their PRTs are the broker's accounts'.
 */
final class DsregPrtSection {
    static final String TITLE = "Primary Refresh Token (dsreg)";

    private DsregPrtSection() {
    }

    static Optional<Section> of(RegistrationStatus rs, Instant now) {
        PrtRecords records = rs.prts();
        if (records instanceof PrtRecords.NotKept) {
            return Optional.empty();
        }
        Section s = new Section(TITLE);
        if (records instanceof PrtRecords.RootOnly) {
            s.row("PRT Present", BrokerSections.UNKNOWN + " (" + rootOnly() + ")", Style.Health.WARN);
        } else if (records instanceof PrtRecords.Unreadable u) {
            s.row("PRT Present", BrokerSections.UNKNOWN + " (" + unreadable(u) + ")", Style.Health.BAD);
        } else if (records instanceof PrtRecords.Known k) {
            if (k.prts().isEmpty()) {
                s.row("PRT Present", "NO (" + none(rs) + ")", Style.Health.WARN);
            }
            k.prts().forEach(p -> rows(s, p, now));
            k.lastAttempt().ifPresent(a -> PrtAttemptRows.of(a, BrokerSections.UTC).forEach((label, value) ->
                    s.row(label, value, label.equals("Attempt Status")
                            ? (a.succeeded() ? Style.Health.GOOD : Style.Health.BAD) : Style.Health.PLAIN)));
        }
        return Optional.of(s);
    }

    private static void rows(Section s, DsregPrt p, Instant now) {
        boolean expired = p.expiredAt(now);
        s.row("Account", p.upn());
        s.row("PRT Present", expired ? "YES (expired)" : "YES", expired ? Style.Health.BAD : Style.Health.GOOD);
        s.row("PRT Cached At", BrokerSections.UTC.format(p.cachedAt()));
        s.row("PRT Expires On", p.expiresOn().map(BrokerSections.UTC::format).orElse(BrokerSections.UNKNOWN));
        s.row("Last PRT Refresh", p.lastRefresh().map(BrokerSections.UTC::format).orElse("NEVER"));
        s.row("PRT Age", BrokerSections.hours(p.age(Clock.fixed(now, ZoneOffset.UTC))));
        s.row("Session Key Protocol", p.sessionKeyProtocol());
        s.row("Session Key Protection", p.sessionKeyProtection());
    }

    /** Why no PRT shows, and what to do: the other formats' words too. */
    static String none(RegistrationStatus rs) {
        return "no PRT yet: " + RemedyWords.of(new Remedy.RefreshPrt(rs.registration().tenantId()));
    }

    static String rootOnly() {
        return "dsreg's PRTs are shown to root: " + RemedyWords.of(new Remedy.RunAsRoot());
    }

    static String unreadable(PrtRecords.Unreadable u) {
        return "dsreg's PRT files cannot be read: " + u.reason();
    }
}
