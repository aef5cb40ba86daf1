package org.dsreg.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.RegistrationStatus;

/**
 * The "SSO State (dsreg)" box of one of dsreg's own registrations, in dsregcmd's names: per PRT AzureAdPrt,
 * AzureAdPrtUpdateTime, AzureAdPrtExpiryTime, AzureAdPrtAuthority, then the last attempt under
 * AcquirePrtDiagnostics or RefreshPrtDiagnostics. The broker's SSO State box is left as it is.
 */
final class DsregcmdPrtRows {
    static final String TITLE = "SSO State (dsreg)";

    private DsregcmdPrtRows() {
    }

    static Optional<List<DsregcmdRenderer.Row>> of(RegistrationStatus rs) {
        PrtRecords records = rs.prts();
        if (records instanceof PrtRecords.NotKept) {
            return Optional.empty();
        }
        List<DsregcmdRenderer.Row> rows = new ArrayList<>();
        rows.add(row("TenantId", rs.registration().tenantId().toString()));
        if (records instanceof PrtRecords.RootOnly) {
            rows.add(row("AzureAdPrt", "UNKNOWN (" + DsregPrtSection.rootOnly() + ")"));
        } else if (records instanceof PrtRecords.Unreadable u) {
            rows.add(row("AzureAdPrt", "UNKNOWN (" + DsregPrtSection.unreadable(u) + ")"));
        } else if (records instanceof PrtRecords.Known k) {
            if (k.prts().isEmpty()) {
                rows.add(row("AzureAdPrt", "NO (" + DsregPrtSection.none(rs) + ")"));
            }
            for (DsregPrt p : k.prts()) {
                prt(rows, rs, p);
            }
            k.lastAttempt().ifPresent(a -> attempt(rows, a));
        }
        return Optional.of(rows);
    }

    private static void prt(List<DsregcmdRenderer.Row> rows, RegistrationStatus rs, DsregPrt p) {
        rows.add(row("Account", p.upn()));
        rows.add(row("AzureAdPrt", "YES"));
        rows.add(row("AzureAdPrtUpdateTime", DsregcmdRenderer.TIME.format(p.lastRefresh().orElse(p.cachedAt()))));
        rows.add(row("AzureAdPrtExpiryTime", p.expiresOn().map(DsregcmdRenderer.TIME::format).orElse("UNKNOWN")));
        rows.add(row("AzureAdPrtAuthority", rs.registration().tenantDetails().accessTokenUrl()
                .map(DsregcmdPrtRows::authority).orElse("UNKNOWN")));
        rows.add(row("SessionKeyProtocol", p.sessionKeyProtocol()));
        rows.add(row("SessionKeyProtection", p.sessionKeyProtection()));
    }

    private static void attempt(List<DsregcmdRenderer.Row> rows, PrtAttempt a) {
        rows.add(row(a.kind() == PrtAttempt.Kind.ACQUIRE ? "AcquirePrtDiagnostics" : "RefreshPrtDiagnostics",
                "PRESENT"));
        PrtAttemptRows.of(a, DsregcmdRenderer.TIME).forEach((label, value) -> rows.add(row(label, value)));
    }

    /** The authority of a token endpoint: the URL before {@code /oauth2/}, as dsregcmd shows it. */
    static String authority(String tokenUrl) {
        int oauth = tokenUrl.indexOf("/oauth2/");
        return oauth < 0 ? tokenUrl : tokenUrl.substring(0, oauth);
    }

    private static DsregcmdRenderer.Row row(String label, String value) {
        return new DsregcmdRenderer.Row(label, value);
    }
}
