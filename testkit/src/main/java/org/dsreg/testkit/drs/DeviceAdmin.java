package org.dsreg.testkit.drs;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * An operator's console for the devices this emulator registered, what an administrator does in the Entra portal
 * or through Graph: disable, enable or delete a device, set its management and compliance state (as Intune would),
 * and choose the validity of the certificates the emulator issues next. From {@link DrsEmulator#admin()}.
 *
 * <p>The emulator's answers follow: a disabled device's signed token requests are refused with AADSTS135011, its
 * DRS device GET says {@code "Enabled": false} and Graph says {@code accountEnabled: false}; a deleted device is
 * unknown to the token service (AADSTS700003), to DRS (404) and to Graph (an empty {@code value}).
 *
 * <p>Each method but {@link #management(String)}, {@link #objectId(String)} and the switches throws
 * {@link IllegalArgumentException} for a device id the emulator never registered or deleted since.
 */
public final class DeviceAdmin {
    private final EmulatorState state;

    DeviceAdmin(EmulatorState state) {
        this.state = state;
    }

    /**
     * Disables a device (Entra portal "Disable", Graph {@code accountEnabled=false}).
     *
     * @param deviceId the device id
     */
    public void disable(String deviceId) {
        setEnabled(deviceId, false);
    }

    /**
     * Enables a disabled device again.
     *
     * @param deviceId the device id
     */
    public void enable(String deviceId) {
        setEnabled(deviceId, true);
    }

    /**
     * Deletes a device, as {@link DrsEmulator#forgetDevice(String)} does.
     *
     * @param deviceId the device id
     */
    public void delete(String deviceId) {
        if (!forget(deviceId)) {
            throw noLiveDevice(deviceId);
        }
    }

    /**
     * Replaces a device's management state (its {@code accountEnabled} included: false disables the device).
     *
     * @param deviceId the device id
     * @param managementState the new state
     */
    public void setManagement(String deviceId, ManagementState managementState) {
        Objects.requireNonNull(managementState, "managementState");
        synchronized (state.lock) {
            state.management.put(liveDevice(deviceId).deviceId(), managementState);
        }
    }

    /**
     * A device's management state.
     *
     * @param deviceId the device id (any case)
     * @return its state (for a deleted device, the last it had)
     * @throws IllegalArgumentException for a device the emulator does not know
     */
    public ManagementState management(String deviceId) {
        synchronized (state.lock) {
            ManagementState m = state.management.get(key(deviceId));
            if (m == null) {
                throw new IllegalArgumentException("the emulator registered no device " + deviceId);
            }
            return m;
        }
    }

    /**
     * The validity of the device certificates issued from now on, as offsets from the moment of issue: (-2 days,
     * -1 day) issues certificates already expired, (-5 minutes, 10 days) certificates that expire in ten days.
     *
     * @param notBeforeOffset the offset of {@code notBefore}
     * @param notAfterOffset  the offset of {@code notAfter}, after {@code notBeforeOffset}
     */
    public void certificateValidity(Duration notBeforeOffset, Duration notAfterOffset) {
        Objects.requireNonNull(notBeforeOffset, "notBeforeOffset");
        Objects.requireNonNull(notAfterOffset, "notAfterOffset");
        if (notAfterOffset.compareTo(notBeforeOffset) <= 0) {
            throw new IllegalArgumentException("notAfter (" + notAfterOffset + ") must come after notBefore ("
                    + notBeforeOffset + ")");
        }
        state.certificateValidity = new EmulatorState.Validity(notBeforeOffset, notAfterOffset);
    }

    /** Issues certificates with the default validity again: from 5 minutes before issue to 365 days after. */
    public void resetCertificateValidity() {
        state.certificateValidity = EmulatorState.DEFAULT_CERTIFICATE_VALIDITY;
    }

    /**
     * Makes Graph's devices endpoint answer 403 {@code Authorization_RequestDenied} to every request with a valid
     * token, as Graph does when the token lacks a permission to read devices (no consent), or stops that.
     *
     * @param deny whether to deny
     */
    public void denyGraph(boolean deny) {
        state.graphDenied = deny;
    }

    /**
     * The Entra object id of a device (Graph's {@code id}), which is not its device id.
     *
     * @param deviceId the device id
     * @return a name-based UUID of the tenant and the device id
     */
    public String objectId(String deviceId) {
        return UUID.nameUUIDFromBytes(("device/" + state.tenantId + "/" + key(deviceId))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** Marks a live device deleted; whether there was one. */
    boolean forget(String deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        synchronized (state.lock) {
            RegisteredDevice device = state.devices.get(key(deviceId));
            if (device == null || device.deleted()) {
                return false;
            }
            state.devices.put(device.deviceId(), device.asDeleted());
            return true;
        }
    }

    private void setEnabled(String deviceId, boolean enabled) {
        synchronized (state.lock) {
            RegisteredDevice device = liveDevice(deviceId);
            ManagementState m = state.management.get(device.deviceId());
            state.management.put(device.deviceId(),
                    (m == null ? ManagementState.joined(device) : m).withAccountEnabled(enabled));
        }
    }

    /** The live device of that id. Call under the lock. */
    private RegisteredDevice liveDevice(String deviceId) {
        RegisteredDevice device = state.devices.get(key(deviceId));
        if (device == null || device.deleted()) {
            throw noLiveDevice(deviceId);
        }
        return device;
    }

    private static String key(String deviceId) {
        return Objects.requireNonNull(deviceId, "deviceId").toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException noLiveDevice(String deviceId) {
        return new IllegalArgumentException("the emulator has no live device " + deviceId + " (never registered,"
                + " or deleted)");
    }
}
