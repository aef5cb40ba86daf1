package org.dsreg.cli;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DeviceManagement;
import org.dsreg.domain.ManagementCheck;

/**
 * The {@code deviceManagement} array of {@code --diagnose --json} (schema 1.3): per registration, {@code state}
 * ({@code found}, {@code not-found}, {@code disabled}, {@code skipped}, {@code failed}), {@code reason} and {@code hint}, and
 * {@code device}, Graph's record (or {@code null}).
 */
final class ManagementJson {
    private ManagementJson() {
    }

    static void write(JsonWriter w, List<ManagementCheck> checks) throws IOException {
        w.array("deviceManagement");
        for (ManagementCheck c : checks) {
            w.object().put("tenantId", c.tenantId().toString()).put("deviceId", c.deviceId().toString())
                    .put("source", c.source().name());
            ManagementCheck.Lookup l = c.lookup();
            Optional<String> reason = Optional.empty();
            Optional<String> hint = Optional.empty();
            String state;
            if (l instanceof ManagementCheck.Skipped s) {
                state = "skipped";
                reason = Optional.of(s.reason());
                hint = s.remedy().map(RemedyWords::of);
            } else if (l instanceof ManagementCheck.Failed f) {
                state = "failed";
                reason = Optional.of(f.reason());
            } else if (l instanceof ManagementCheck.NotFound n) {
                state = "not-found";
                reason = Optional.of(n.reason());
            } else if (l instanceof ManagementCheck.Disabled d) {
                state = "disabled";
                reason = Optional.of(d.reason());
            } else {
                state = "found";
            }
            w.put("state", state).putOptional("reason", reason).putOptional("hint", hint);
            if (l instanceof ManagementCheck.Found f) {
                device(w, f.device());
            } else {
                w.putNull("device");
            }
            w.endObject();
        }
        w.endArray();
    }

    private static void device(JsonWriter w, DeviceManagement d) throws IOException {
        w.object("device").put("objectId", d.objectId());
        bool(w, "accountEnabled", d.accountEnabled());
        bool(w, "isManaged", d.managed());
        bool(w, "isCompliant", d.compliant());
        w.putOptional("trustType", d.trustType()).putOptional("managementType", d.managementType())
                .putOptional("mdmAppId", d.mdmAppId()).putOptional("managementApp", d.managementApp())
                .putOptional("approximateLastSignIn", d.approximateLastSignIn().map(Instant::toString))
                .putOptional("complianceExpiration", d.complianceExpiration().map(Instant::toString))
                .putOptional("operatingSystem", d.operatingSystem())
                .putOptional("operatingSystemVersion", d.operatingSystemVersion());
        w.endObject();
    }

    private static void bool(JsonWriter w, String name, Optional<Boolean> value) throws IOException {
        if (value.isPresent()) {
            w.put(name, value.get());
        } else {
            w.putNull(name);
        }
    }
}
