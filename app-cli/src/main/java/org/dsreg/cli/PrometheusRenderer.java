package org.dsreg.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dsreg.domain.AccountState;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.PrtState;
import org.dsreg.domain.RegistrationStatus;
import org.dsreg.domain.UserState;

/**
 * The status as a node_exporter textfile (Prometheus text exposition format 0.0.4): one gauge
 * family per fact, labelled by tenant, device and account. Unknown values are left out, never
 * invented.
 */
final class PrometheusRenderer implements StatusRenderer {
    private static final String PRESENT_HELP = "1 when the account has a usable PRT, 0 when it has none";

    private final Map<String, Family> families = new LinkedHashMap<>();

    private record Family(String help, List<String> samples) {
    }

    @Override
    public void render(DeviceStatus status, Diagnostics diagnostics, PrintWriter out) {
        gauge("dsreg_registered", "1 when the device is registered with at least one tenant", Map.of(),
                status.registered() ? 1 : 0);
        for (RegistrationStatus rs : status.registrations()) {
            var r = rs.registration();
            Map<String, String> labels = labels("tenant_id", r.tenantId().toString(), "device_id", r.deviceId().toString());
            gauge("dsreg_joined", "1 when the registration is a Microsoft Entra join, 0 for a registration", labels,
                    r.joinType() == JoinType.JOINED ? 1 : 0);
            gauge("dsreg_certificate_expiry_timestamp_seconds", "When the device certificate expires (Unix time)",
                    labels, r.certificate().notAfter().getEpochSecond());
            gauge("dsreg_certificate_valid", "1 when the device certificate is valid now", labels,
                    rs.certificateValidity() == org.dsreg.domain.CertificateValidity.VALID ? 1 : 0);
            gauge("dsreg_tpm_protected", "1 when the device key is hardware-backed", labels, rs.tpmProtected() ? 1 : 0);
            r.deviceMode().ifPresent(m -> gauge("dsreg_shared_device", "1 when the device was joined as a shared"
                    + " device, 0 when exclusive", labels, m == DeviceMode.SHARED ? 1 : 0));
            if (rs.prts() instanceof PrtRecords.Known k) {
                dsregPrts(k, labels, status.generatedAt());
            }
        }
        if (status.userState() instanceof UserState.Known k) {
            Clock at = Clock.fixed(status.generatedAt(), ZoneOffset.UTC);
            for (AccountState a : k.accounts()) {
                Map<String, String> labels = labels("account", a.account().username());
                if (a.prt() instanceof PrtState.Present p) {
                    gauge("dsreg_prt_present", PRESENT_HELP, labels, 1);
                    p.age(at).ifPresent(age -> gauge("dsreg_prt_age_seconds", "Age of the PRT", labels,
                            age.toSeconds()));
                } else if (a.prt() instanceof PrtState.Absent) {
                    gauge("dsreg_prt_present", PRESENT_HELP, labels, 0);
                }
            }
        }
        brokerUp("user", status.broker().userBroker());
        brokerUp("device", status.broker().deviceBroker());
        gauge("dsreg_broker_installed", "1 when the identity broker is installed", Map.of(),
                status.broker().installed() ? 1 : 0);
        if (diagnostics != null) {
            for (Diagnostics.Result d : diagnostics.results()) {
                for (String result : List.of("PASS", "WARN", "FAIL", "SKIPPED")) {
                    gauge("dsreg_diagnostic", "1 for each diagnostic's result (PASS, WARN, FAIL or SKIPPED)",
                            labels("test", d.test(), "scope", d.scope(), "result", result),
                            d.result().name().equals(result) ? 1 : 0);
                }
            }
            management(diagnostics);
        }
        gauge("dsreg_status_timestamp_seconds", "When this status was taken (Unix time)", Map.of(),
                status.generatedAt().getEpochSecond());

        families.forEach((name, f) -> {
            out.println("# HELP " + name + " " + f.help());
            out.println("# TYPE " + name + " gauge");
            f.samples().forEach(out::println);
        });
    }

    /** What Graph records of each registration's device, where it has it: enabled, managed, compliant (1 or 0). */
    private void management(Diagnostics diagnostics) {
        for (org.dsreg.domain.ManagementCheck c : diagnostics.management()) {
            if (c.lookup() instanceof org.dsreg.domain.ManagementCheck.Found f) {
                Map<String, String> device = labels("tenant_id", c.tenantId().toString(), "device_id",
                        c.deviceId().toString());
                f.device().accountEnabled().ifPresent(v -> gauge("dsreg_device_enabled",
                        "1 when Entra has the device enabled (Graph's accountEnabled)", device, v ? 1 : 0));
                f.device().managed().ifPresent(v -> gauge("dsreg_device_managed",
                        "1 when an MDM manages the device (Graph's isManaged)", device, v ? 1 : 0));
                f.device().compliant().ifPresent(v -> gauge("dsreg_device_compliant",
                        "1 when the device is compliant (Graph's isCompliant)", device, v ? 1 : 0));
            }
        }
    }

    /**
     * dsreg's own PRTs of a registration (labelled by tenant and device, and account): present (0 with no account
     * label when there is none), expiry, age, and the last attempt's outcome and time. Left out when they cannot be
     * read (not root, unreadable files): unknown, not absent.
     */
    private void dsregPrts(PrtRecords.Known k, Map<String, String> registration, Instant now) {
        if (k.prts().isEmpty()) {
            gauge("dsreg_prt_present", PRESENT_HELP, registration, 0);
        }
        for (DsregPrt p : k.prts()) {
            Map<String, String> labels = new LinkedHashMap<>(registration);
            labels.put("account", p.upn());
            gauge("dsreg_prt_present", PRESENT_HELP, labels, p.expiredAt(now) ? 0 : 1);
            p.expiresOn().ifPresent(t -> gauge("dsreg_prt_expiry_timestamp_seconds", "When the PRT expires (Unix"
                    + " time)", labels, t.getEpochSecond()));
            gauge("dsreg_prt_age_seconds", "Age of the PRT", labels, p.age(Clock.fixed(now, ZoneOffset.UTC))
                    .toSeconds());
        }
        k.lastAttempt().ifPresent(a -> {
            Map<String, String> labels = new LinkedHashMap<>(registration);
            labels.put("kind", PrtAttemptRows.kind(a.kind()));
            gauge("dsreg_prt_last_attempt_success", "1 when the last attempt to acquire or renew dsreg's PRT"
                    + " succeeded, 0 when it failed", labels, a.succeeded() ? 1 : 0);
            gauge("dsreg_prt_last_attempt_timestamp_seconds", "When dsreg last tried to acquire or renew its PRT"
                    + " (Unix time)", labels, a.at().getEpochSecond());
        });
    }

    /**
     * 1 when the broker answered, 0 when it is installed but did not (unreachable, still starting, or an error);
     * left out when it is not installed or could not be asked (no bus: a system timer has no session bus), so
     * that an alert on 0 fires only for a broker that is down.
     */
    private void brokerUp(String broker, BrokerConnection c) {
        if (c instanceof BrokerConnection.NotInstalled || c instanceof BrokerConnection.Unknown) {
            return;
        }
        gauge("dsreg_broker_up", "1 when the broker answered, 0 when it is installed but did not",
                labels("broker", broker), c instanceof BrokerConnection.Reachable ? 1 : 0);
    }

    private void gauge(String name, String help, Map<String, String> labels, long value) {
        StringBuilder sample = new StringBuilder(name);
        if (!labels.isEmpty()) {
            List<String> parts = new ArrayList<>();
            labels.forEach((k, v) -> parts.add(k + "=\"" + escape(v) + "\""));
            sample.append('{').append(String.join(",", parts)).append('}');
        }
        sample.append(' ').append(String.format(Locale.ROOT, "%d", value));
        families.computeIfAbsent(name, n -> new Family(help, new ArrayList<>())).samples().add(sample.toString());
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
