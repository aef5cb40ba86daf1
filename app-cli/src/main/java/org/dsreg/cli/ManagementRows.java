package org.dsreg.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DeviceManagement;
import org.dsreg.domain.ManagementCheck;
import org.dsreg.domain.RegistrationSource;

/**
 * The rows of a registration's "Device Management" section, for the text and dsregcmd layouts: what Microsoft Graph
 * records (AccountEnabled, IsManaged, IsCompliant, TrustType, ManagementType, ManagementApp, ApproximateLastSignIn,
 * ComplianceExpiration, OS, OSVersion), or why Graph was not asked, or that it has no such device.
 */
final class ManagementRows {
    static final String UNKNOWN = BrokerSections.UNKNOWN;

    record Row(String label, String value, Style.Health health) {
    }

    private ManagementRows() {
    }

    static String title(ManagementCheck c) {
        return "Device Management (device " + c.deviceId() + ")";
    }

    static List<Row> of(ManagementCheck c) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Registered By", c.source() == RegistrationSource.DSREG ? "dsreg"
                : "Microsoft identity broker", Style.Health.PLAIN));
        ManagementCheck.Lookup lookup = c.lookup();
        if (lookup instanceof ManagementCheck.Skipped s) {
            rows.add(new Row("Device Object", "SKIPPED (" + s.reason() + s.remedy().map(r -> "; " + RemedyWords.of(r))
                    .orElse("") + ")", Style.Health.WARN));
        } else if (lookup instanceof ManagementCheck.Failed f) {
            rows.add(new Row("Device Object", "FAILED (" + f.reason() + ")", Style.Health.BAD));
        } else if (lookup instanceof ManagementCheck.NotFound n) {
            rows.add(new Row("Device Object", "NOT FOUND (" + n.reason() + ")", Style.Health.BAD));
        } else if (lookup instanceof ManagementCheck.Disabled d) {
            rows.add(new Row("Device Object", "DISABLED (" + d.reason() + ")", Style.Health.BAD));
            rows.add(new Row("AccountEnabled", "NO", Style.Health.BAD));
        } else if (lookup instanceof ManagementCheck.Found f) {
            device(f.device(), rows);
        }
        return rows;
    }

    private static void device(DeviceManagement d, List<Row> rows) {
        rows.add(new Row("Object ID", d.objectId(), Style.Health.PLAIN));
        rows.add(new Row("AccountEnabled", yesNo(d.accountEnabled()), d.disabled() ? Style.Health.BAD
                : Style.Health.GOOD));
        rows.add(new Row("IsManaged", yesNo(d.managed()), Style.Health.PLAIN));
        boolean compliant = d.compliant().orElse(false);
        rows.add(new Row("IsCompliant", yesNo(d.compliant()), compliant ? Style.Health.GOOD
                : d.managed().orElse(false) ? Style.Health.BAD : Style.Health.WARN));
        rows.add(new Row("TrustType", d.trustType().orElse(UNKNOWN), Style.Health.PLAIN));
        rows.add(new Row("ManagementType", d.managementType().orElse("none"), Style.Health.PLAIN));
        rows.add(new Row("ManagementApp", d.managementApp().orElse("none"), Style.Health.PLAIN));
        rows.add(new Row("ApproximateLastSignIn", time(d.approximateLastSignIn()), Style.Health.PLAIN));
        rows.add(new Row("ComplianceExpiration", time(d.complianceExpiration()), Style.Health.PLAIN));
        rows.add(new Row("OS", d.operatingSystem().orElse(UNKNOWN), Style.Health.PLAIN));
        rows.add(new Row("OSVersion", d.operatingSystemVersion().orElse(UNKNOWN), Style.Health.PLAIN));
    }

    private static String yesNo(Optional<Boolean> b) {
        return b.map(v -> v ? "YES" : "NO").orElse(UNKNOWN);
    }

    private static String time(Optional<Instant> t) {
        return t.map(BrokerSections.UTC::format).orElse(UNKNOWN);
    }
}
