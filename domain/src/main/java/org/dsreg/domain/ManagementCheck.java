package org.dsreg.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The "Device Management" section of one registration in the diagnostics: what Microsoft Graph says of the device,
 * that Graph has no such device, why it was not asked, or how asking it failed.
 */
public record ManagementCheck(TenantId tenantId, DeviceId deviceId, RegistrationSource source, Lookup lookup) {
    public ManagementCheck {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lookup, "lookup");
    }

    /** How the lookup ended. */
    public sealed interface Lookup {
    }

    /** Graph has the device: its management state. */
    public record Found(DeviceManagement device) implements Lookup {
        public Found {
            Objects.requireNonNull(device, "device");
        }
    }

    /**
     * The service has no device with this device id (deleted by an administrator, or never there): Graph answered
     * none, or the token service refused the device's request with AADSTS700003; {@code reason} says which.
     */
    public record NotFound(String reason) implements Lookup {
        /** Graph's empty answer. */
        public static final String GRAPH = "Microsoft Graph has no device with this id";

        public NotFound {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The token service refused the device's request because an administrator disabled the device (AADSTS135011), so
     * no Graph token could be had: {@code reason}, its words.
     */
    public record Disabled(String reason) implements Lookup {
        public Disabled {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Graph was asked and failed (unreachable, an error other than a refusal to show it): what went wrong. */
    public record Failed(String reason) implements Lookup {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Graph was not asked (no token), or refused to show the device (403): why, and what would help. */
    public record Skipped(String reason, Optional<Remedy> remedy) implements Lookup {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(remedy, "remedy");
        }
    }
}
