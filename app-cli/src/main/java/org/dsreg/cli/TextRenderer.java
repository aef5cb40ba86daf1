package org.dsreg.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceState;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.JoinState;
import org.dsreg.domain.KeyStatus;
import org.dsreg.domain.Problem;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.RegistrationStatus;
import org.dsreg.domain.TenantDetails;

/** The human-readable status: sections of aligned rows, as Microsoft's Linux {@code dsreg} prints them. */
final class TextRenderer implements StatusRenderer {
    private static final DateTimeFormatter UTC = BrokerSections.UTC;

    private final Style style;

    TextRenderer(Style style) {
        this.style = style;
    }

    @Override
    public void render(DeviceStatus status, Diagnostics diagnostics, PrintWriter out) {
        deviceState(status).print(out, style);
        for (RegistrationStatus r : status.registrations()) {
            deviceDetails(r, status.generatedAt()).print(out, style);
            tenantDetails(r.registration().tenantDetails()).print(out, style);
            DsregPrtSection.of(r, status.generatedAt()).ifPresent(section -> section.print(out, style));
        }
        BrokerSections.of(status).forEach(section -> section.print(out, style));
        new Section("Host Information")
                .row("Host Name", status.host().hostname())
                .row("Operating System", status.host().osPrettyName())
                .print(out, style);
        if (diagnostics != null) {
            for (org.dsreg.domain.ManagementCheck c : diagnostics.management()) {
                Section s = new Section(ManagementRows.title(c));
                ManagementRows.of(c).forEach(r -> s.row(r.label(), r.value(), r.health()));
                s.print(out, style);
            }
            diagnostics(diagnostics).forEach(section -> section.print(out, style));
        }
        if (!status.problems().isEmpty()) {
            Section problems = new Section("Problems");
            for (Problem p : status.problems()) {
                problems.row(p.severity() == Problem.Severity.ERROR ? "ERROR" : "WARNING",
                        p.message() + " (" + RemedyWords.of(p.remedy()) + ")",
                        p.severity() == Problem.Severity.ERROR ? Style.Health.BAD : Style.Health.WARN);
            }
            problems.print(out, style);
        }
    }

    /** One "Diagnostic Data" section per scope (a tenant's pre-join tests, a device's post-join tests). */
    static java.util.List<Section> diagnostics(Diagnostics d) {
        java.util.Map<String, Section> byScope = new java.util.LinkedHashMap<>();
        for (Diagnostics.Result r : d.results()) {
            Section s = byScope.computeIfAbsent(r.scope(), scope -> new Section("Diagnostic Data (" + scope + ")"));
            String value = switch (r.result()) {
                case PASS -> "PASS" + (r.detail().isEmpty() || r.detail().equals("PASSED") ? ""
                        : " (" + RemedyWords.detail(r) + ")");
                case WARN -> "WARN (" + RemedyWords.detail(r) + ")";
                case FAIL -> "FAIL [" + RemedyWords.detail(r) + "]";
                case SKIPPED -> "SKIPPED (" + RemedyWords.detail(r) + ")";
            };
            s.row(r.test(), value, switch (r.result()) {
                case PASS -> Style.Health.GOOD;
                case FAIL -> Style.Health.BAD;
                case WARN, SKIPPED -> Style.Health.WARN;
            });
        }
        return new java.util.ArrayList<>(byScope.values());
    }

    private Section deviceState(DeviceStatus status) {
        JoinState j = status.joinState();
        Section s = new Section("Device State");
        s.row("Device Registration Status", status.registered() ? "Registered" : "Not Registered",
                status.registered() ? Style.Health.GOOD : Style.Health.WARN);
        s.row("AzureAdJoined", yesNo(j.azureAdJoined()));
        s.row("EnterpriseJoined", yesNo(j.enterpriseJoined()));
        s.row("DomainJoined", domainJoined(j.domain()));
        j.domainName().ifPresent(name -> s.row("DomainName", name));
        s.row("WorkplaceJoined", yesNo(j.workplaceJoined()));
        DeviceState state = j.deviceState();
        s.row("Device State", state.label(),
                state == DeviceState.INCONSISTENT ? Style.Health.BAD : Style.Health.PLAIN);
        return s;
    }

    private Section deviceDetails(RegistrationStatus rs, Instant now) {
        Registration r = rs.registration();
        CertificateInfo c = r.certificate();
        Section s = new Section("Device Details");
        s.row("Device ID", r.deviceId().toString());
        s.row("Tenant ID", r.tenantId().toString());
        r.tenantDetails().tenantName().ifPresent(name -> s.row("Tenant Name", name));
        s.row("Join Type", switch (r.joinType()) {
            case JOINED -> "Microsoft Entra joined";
            case REGISTERED -> "Microsoft Entra registered";
            case UNKNOWN -> "Unknown";
        });
        s.row("Device Mode", deviceMode(r));
        s.row("Certificate Thumbprint", c.thumbprint().toString());
        s.row("Certificate Validity", "[ " + UTC.format(c.notBefore()) + " -- " + UTC.format(c.notAfter()) + " ]");
        s.row("Certificate Status", certificateStatus(rs, now), switch (rs.certificateValidity()) {
            case VALID -> c.timeToExpiry(now).compareTo(org.dsreg.domain.HealthRules.EXPIRY_WARNING) < 0
                    ? Style.Health.WARN : Style.Health.GOOD;
            case EXPIRED, NOT_YET_VALID -> Style.Health.BAD;
        });
        s.row("Key Container", r.deviceKey().toString());
        keyRows(s, rs.deviceKey());
        s.row("Registered By", r.source() == RegistrationSource.DSREG ? "dsreg" : "Microsoft identity broker");
        r.registeredAt().ifPresent(t -> s.row("Registered At", UTC.format(t)));
        rs.pendingReplacement().ifPresent(p -> s.row("Pending Replacement", pending(p), Style.Health.WARN));
        return s;
    }

    /** A repair or rekey that did not finish, in one line (the text and dsregcmd formats). */
    static String pending(org.dsreg.domain.PendingReplacement p) {
        return (p.kind() == org.dsreg.domain.PendingReplacement.Kind.REPAIR ? "repair" : "rekey") + " of device "
                + p.previousDevice() + " to device " + p.newDevice() + " (key storage " + p.newDeviceKey().storage()
                + ") did not finish; the next dsreg run that changes state settles it";
    }

    /** Shared or Exclusive, as dsreg asked DRS; UNKNOWN for a registration dsreg did not make. */
    static String deviceMode(Registration r) {
        return r.deviceMode().map(org.dsreg.domain.DeviceMode::label).orElse("UNKNOWN");
    }

    private static String certificateStatus(RegistrationStatus rs, Instant now) {
        CertificateInfo c = rs.registration().certificate();
        return switch (rs.certificateValidity()) {
            case VALID -> "Valid (expires in " + days(c.timeToExpiry(now)) + ")";
            case EXPIRED -> "Expired (" + days(c.timeToExpiry(now).negated()) + " ago)";
            case NOT_YET_VALID -> "Not yet valid";
        };
    }

    private static String days(Duration d) {
        long days = d.toDays();
        return days >= 1 ? days + (days == 1 ? " day" : " days") : d.toHours() + " hours";
    }

    private void keyRows(Section s, KeyStatus key) {
        if (key instanceof KeyStatus.Present p) {
            s.row("Key Provider", p.protection().provider());
            if (!p.protection().details().isEmpty()) {
                s.row("Key Provider Details", p.protection().details());
            }
            s.row("TpmProtected", yesNo(p.protection().hardwareBacked()));
            s.row("Key Matches Certificate", yesNo(p.matchesCertificate()),
                    p.matchesCertificate() ? Style.Health.GOOD : Style.Health.BAD);
        } else if (key instanceof KeyStatus.Missing m) {
            s.row("Key Provider", m.storage());
            s.row("Key Status", "MISSING", Style.Health.BAD);
        } else if (key instanceof KeyStatus.Unknown u) {
            s.row("Key Provider", "unknown (" + u.reason() + ")", Style.Health.WARN);
            s.row("TpmProtected", "UNKNOWN");
        }
    }

    private Section tenantDetails(TenantDetails t) {
        Section s = new Section("Tenant Details");
        s.row("TenantId", t.tenantId().toString());
        t.tenantName().ifPresent(v -> s.row("TenantName", v));
        t.displayName().ifPresent(v -> s.row("DisplayName", v));
        t.authCodeUrl().ifPresent(v -> s.row("AuthCodeUrl", v));
        t.accessTokenUrl().ifPresent(v -> s.row("AccessTokenUrl", v));
        t.mdmUrl().ifPresent(v -> s.row("MdmUrl", v));
        t.mdmTouUrl().ifPresent(v -> s.row("MdmTouUrl", v));
        t.mdmComplianceUrl().ifPresent(v -> s.row("MdmComplianceUrl", v));
        t.joinService().ifPresent(e -> s.row("JoinSrvVersion", e.version()).row("JoinSrvUrl", e.url())
                .row("JoinSrvId", e.id()));
        t.keyService().ifPresent(e -> s.row("KeySrvVersion", e.version()).row("KeySrvUrl", e.url())
                .row("KeySrvId", e.id()));
        t.webAuthnService().ifPresent(e -> s.row("WebAuthNSrvVersion", e.version()).row("WebAuthNSrvUrl", e.url())
                .row("WebAuthNSrvId", e.id()));
        t.deviceManagementService().ifPresent(e -> s.row("DeviceManagementSrvVer", e.version())
                .row("DeviceManagementSrvUrl", e.url()).row("DeviceManagementSrvId", e.id()));
        return s;
    }

    private static String domainJoined(DomainMembership d) {
        if (d instanceof DomainMembership.Joined) {
            return "YES";
        }
        if (d instanceof DomainMembership.Unknown u) {
            return "UNKNOWN (" + u.reason() + ")";
        }
        return "NO";
    }

    static String yesNo(boolean b) {
        return b ? "YES" : "NO";
    }
}
