package org.dsreg.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.AccountState;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.JoinState;
import org.dsreg.domain.KeyStatus;
import org.dsreg.domain.PrtState;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationStatus;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.UserState;

/**
 * The box layout of Windows' {@code dsregcmd /status}, so that parsers admins already have keep
 * working: each section boxed by a 72-column rule, labels right-aligned to 26 columns.
 */
final class DsregcmdRenderer implements StatusRenderer {
    static final String RULE = "+" + "-".repeat(70) + "+";
    static final int LABEL_WIDTH = 26;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    record Row(String label, String value) {
    }

    @Override
    public void render(DeviceStatus status, Diagnostics diagnostics, PrintWriter out) {
        JoinState j = status.joinState();
        List<Row> state = new ArrayList<>();
        state.add(new Row("AzureAdJoined", yesNo(j.azureAdJoined())));
        state.add(new Row("EnterpriseJoined", yesNo(j.enterpriseJoined())));
        state.add(new Row("DomainJoined", yesNo(j.domainJoined())));
        j.domainName().ifPresent(d -> state.add(new Row("DomainName", d)));
        state.add(new Row("Device Name", status.host().hostname()));
        box(out, "Device State", state);

        for (RegistrationStatus rs : status.registrations()) {
            Registration r = rs.registration();
            List<Row> details = new ArrayList<>();
            details.add(new Row("DeviceId", r.deviceId().toString()));
            details.add(new Row("Thumbprint", r.certificate().thumbprint().toString()));
            details.add(new Row("DeviceCertificateValidity", "[ " + TIME.format(r.certificate().notBefore()) + " -- "
                    + TIME.format(r.certificate().notAfter()) + " ]"));
            details.add(new Row("KeyContainerId", r.deviceKey().alias()));
            details.add(new Row("KeyProvider", rs.deviceKey() instanceof KeyStatus.Present p ? p.protection().provider()
                    : r.deviceKey().storage()));
            details.add(new Row("TpmProtected", rs.deviceKey() instanceof KeyStatus.Present
                    ? yesNo(rs.tpmProtected()) : "UNKNOWN"));
            details.add(new Row("DeviceMode", TextRenderer.deviceMode(r)));
            details.add(new Row("DeviceAuthStatus", deviceAuth(diagnostics, r)));
            box(out, "Device Details", details);
            box(out, "Tenant Details", tenant(r.tenantDetails()));
            DsregcmdPrtRows.of(rs).ifPresent(rows -> box(out, DsregcmdPrtRows.TITLE, rows));
        }

        List<Row> user = new ArrayList<>();
        user.add(new Row("NgcSet", "NO"));
        user.add(new Row("WorkplaceJoined", yesNo(j.workplaceJoined())));
        box(out, "User State", user);

        List<Row> sso = new ArrayList<>();
        Optional<AccountState> first = status.userState() instanceof UserState.Known k && !k.accounts().isEmpty()
                ? Optional.of(k.accounts().get(0)) : Optional.empty();
        if (first.isEmpty()) {
            sso.add(new Row("AzureAdPrt", status.userState() instanceof UserState.Known ? "NO" : "UNKNOWN"));
        } else {
            PrtState prt = first.get().prt();
            sso.add(new Row("AzureAdPrt", prt instanceof PrtState.Present ? "YES"
                    : prt instanceof PrtState.Absent ? "NO" : "UNKNOWN"));
            if (prt instanceof PrtState.Present p) {
                sso.add(new Row("AzureAdPrtUpdateTime", time(p.lastRefresh().or(p::acquiredAt))));
                sso.add(new Row("AzureAdPrtExpiryTime", time(p.expiresAt())));
            }
            sso.add(new Row("AzureAdPrtAuthority", "https://login.microsoftonline.com/"
                    + first.get().account().tenantId().map(Object::toString).orElse("common")));
        }
        sso.add(new Row("EnterprisePrt", "NO"));
        box(out, "SSO State", sso);

        if (diagnostics != null) {
            for (org.dsreg.domain.ManagementCheck c : diagnostics.management()) {
                box(out, ManagementRows.title(c), ManagementRows.of(c).stream()
                        .map(r -> new Row(r.label(), r.value())).toList());
            }
            List<Row> diag = new ArrayList<>();
            diag.add(new Row("Client Time", TIME.format(status.generatedAt())));
            String scope = null;
            for (Diagnostics.Result r : diagnostics.results()) {
                if (!r.scope().equals(scope)) {
                    scope = r.scope();
                    diag.add(new Row("Scope", scope));
                }
                diag.add(new Row(r.test(), switch (r.result()) {
                    case PASS -> r.test().equals("DeviceAuthStatus") ? "SUCCESS" : "PASS";
                    case WARN -> "WARN [" + RemedyWords.detail(r) + "]";
                    case FAIL -> "FAIL [" + RemedyWords.detail(r) + "]";
                    case SKIPPED -> "SKIPPED";
                }));
            }
            box(out, "Diagnostic Data", diag);
        }
    }

    private static String deviceAuth(Diagnostics diagnostics, Registration r) {
        if (diagnostics == null) {
            return "NOT CHECKED (dsreg --diagnose checks it)";
        }
        return diagnostics.results().stream()
                .filter(d -> d.test().equals("DeviceAuthStatus") && d.scope().equals("device " + r.deviceId()))
                .findFirst()
                .map(d -> d.result() == Diagnostics.Outcome.PASS ? "SUCCESS"
                        : d.result() == Diagnostics.Outcome.FAIL ? RemedyWords.detail(d)
                        : "NOT CHECKED (" + RemedyWords.detail(d) + ")")
                .orElse("NOT CHECKED");
    }

    private static List<Row> tenant(TenantDetails t) {
        List<Row> rows = new ArrayList<>();
        t.tenantName().ifPresent(v -> rows.add(new Row("TenantName", v)));
        rows.add(new Row("TenantId", t.tenantId().toString()));
        t.authCodeUrl().ifPresent(v -> rows.add(new Row("AuthCodeUrl", v)));
        t.accessTokenUrl().ifPresent(v -> rows.add(new Row("AccessTokenUrl", v)));
        rows.add(new Row("MdmUrl", t.mdmUrl().orElse("")));
        rows.add(new Row("MdmTouUrl", t.mdmTouUrl().orElse("")));
        rows.add(new Row("MdmComplianceUrl", t.mdmComplianceUrl().orElse("")));
        endpoint(rows, "JoinSrv", "JoinSrvVersion", t.joinService());
        endpoint(rows, "KeySrv", "KeySrvVersion", t.keyService());
        endpoint(rows, "WebAuthNSrv", "WebAuthNSrvVersion", t.webAuthnService());
        endpoint(rows, "DeviceManagementSrv", "DeviceManagementSrvVer", t.deviceManagementService());
        return rows;
    }

    private static void endpoint(List<Row> rows, String prefix, String versionLabel, Optional<ServiceEndpoint> e) {
        rows.add(new Row(versionLabel, e.map(ServiceEndpoint::version).orElse("")));
        rows.add(new Row(prefix + "Url", e.map(ServiceEndpoint::url).orElse("")));
        rows.add(new Row(prefix + "Id", e.map(ServiceEndpoint::id).orElse("")));
    }

    static void box(PrintWriter out, String title, List<Row> rows) {
        out.println(RULE);
        out.println(String.format("| %-68s |", title));
        out.println(RULE);
        out.println();
        for (Row r : rows) {
            out.println(String.format("%" + LABEL_WIDTH + "s : %s", r.label(), r.value()).stripTrailing());
        }
        out.println(RULE);
        out.println();
    }

    private static String time(Optional<Instant> t) {
        return t.map(TIME::format).orElse("UNKNOWN");
    }

    private static String yesNo(boolean b) {
        return b ? "YES" : "NO";
    }
}
