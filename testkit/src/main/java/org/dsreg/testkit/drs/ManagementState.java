package org.dsreg.testkit.drs;

import java.time.Instant;
import java.util.Objects;

/**
 * What Entra ID records about a device beyond its registration, as Microsoft Graph's {@code device} resource names
 * it (v1.0 reference: {@code accountEnabled}, {@code isManaged}, {@code isCompliant}, {@code managementType},
 * {@code mdmAppId}, {@code complianceExpirationDateTime}, {@code operatingSystem}, {@code operatingSystemVersion},
 * {@code trustType}, {@code approximateLastSignInDateTime}); set by an operator through
 * {@link DeviceAdmin#setManagement(String, ManagementState)}, read by {@link DeviceAdmin#management(String)} and
 * served by the emulator's Graph devices endpoint.
 *
 * @param accountEnabled         whether the device may authenticate ({@code false}: an administrator disabled it)
 * @param managed                Graph's {@code isManaged}: an MDM app manages the device
 * @param compliant              Graph's {@code isCompliant}: the device complies with its MDM's policies
 * @param managementType         Graph's {@code managementType} (e.g. {@code "mdm"}), or {@code null} when unmanaged
 * @param mdmAppId               the application id of the MDM that manages the device ({@link #INTUNE_APP_ID} for
 *                               Microsoft Intune), or {@code null}
 * @param complianceExpiration   when the compliance state expires, or {@code null}
 * @param operatingSystem        the OS Entra records ({@code DeviceType} of the join request, e.g. {@code Linux})
 * @param operatingSystemVersion the OS version Entra records ({@code OSVersion} of the join request)
 * @param trustType              {@code Workplace} (registered), {@code AzureAd} (Entra joined) or {@code ServerAd}
 *                               (hybrid joined), Graph's values
 * @param approximateLastSignIn  when the device last signed in (approximately), or {@code null}
 */
public record ManagementState(boolean accountEnabled, boolean managed, boolean compliant, String managementType,
                              String mdmAppId, Instant complianceExpiration, String operatingSystem,
                              String operatingSystemVersion, String trustType, Instant approximateLastSignIn) {

    /** The application id of Microsoft Intune, Graph's {@code mdmAppId} of an Intune-managed device. */
    public static final String INTUNE_APP_ID = "0000000a-0000-0000-c000-000000000000";
    /** Graph's {@code trustType} of a registered device (join type 4). */
    public static final String WORKPLACE = "Workplace";
    /** Graph's {@code trustType} of an Entra joined device (join type 0 or 8). */
    public static final String AZURE_AD = "AzureAd";
    /** Graph's {@code trustType} of a hybrid joined device (join type 6). */
    public static final String SERVER_AD = "ServerAd";

    /**
     * Requires the trust type.
     *
     * @param accountEnabled         the enabled flag
     * @param managed                the managed flag
     * @param compliant              the compliant flag
     * @param managementType         the management type or null
     * @param mdmAppId               the MDM app id or null
     * @param complianceExpiration   the compliance expiration or null
     * @param operatingSystem        the OS
     * @param operatingSystemVersion the OS version
     * @param trustType              the trust type
     * @param approximateLastSignIn  the last sign-in or null
     */
    public ManagementState {
        Objects.requireNonNull(trustType, "trustType");
    }

    /**
     * The state of a freshly joined device: enabled, not managed, not compliant, no MDM, the OS and version the join
     * request named, the trust type of its join type, last sign-in at the join (Entra sets
     * {@code approximateLastSignInDateTime} when the device registers).
     *
     * @param deviceType   {@code DeviceType} of the join request (Graph's {@code operatingSystem})
     * @param osVersion    {@code OSVersion} of the join request
     * @param joinType     {@code JoinType} of the join request: 4 registered, 6 hybrid, 0 or 8 joined
     * @param registeredAt when the device registered
     * @return the state
     */
    public static ManagementState joined(String deviceType, String osVersion, int joinType, Instant registeredAt) {
        return new ManagementState(true, false, false, null, null, null, deviceType, osVersion,
                trustType(joinType), registeredAt);
    }

    /**
     * The state {@link #joined(String, String, int, Instant)} gives a device the emulator registered.
     *
     * @param device the device
     * @return its state at registration
     */
    public static ManagementState joined(RegisteredDevice device) {
        return joined(device.deviceType(), device.osVersion(), device.joinType(), device.registeredAt());
    }

    /**
     * Graph's trust type of an MS-DRS join type (reference drs-protocol: 0 or 8 join, 4 register, 6 hybrid).
     *
     * @param joinType the join type
     * @return {@link #WORKPLACE}, {@link #SERVER_AD} or {@link #AZURE_AD}
     */
    public static String trustType(int joinType) {
        return switch (joinType) {
            case 4 -> WORKPLACE;
            case 6 -> SERVER_AD;
            default -> AZURE_AD;
        };
    }

    /**
     * This state with {@code accountEnabled} changed.
     *
     * @param enabled the new flag
     * @return a copy
     */
    public ManagementState withAccountEnabled(boolean enabled) {
        return new ManagementState(enabled, managed, compliant, managementType, mdmAppId, complianceExpiration,
                operatingSystem, operatingSystemVersion, trustType, approximateLastSignIn);
    }

    /**
     * This state as an Intune-managed device: managed, {@code managementType} {@code mdm}, {@code mdmAppId} Intune,
     * compliant or not, compliance expiring at {@code complianceExpiration} (may be null).
     *
     * @param isCompliant          the compliance flag
     * @param complianceExpiration when compliance expires, or null
     * @return a copy
     */
    public ManagementState managedByIntune(boolean isCompliant, Instant complianceExpiration) {
        return new ManagementState(accountEnabled, true, isCompliant, "mdm", INTUNE_APP_ID, complianceExpiration,
                operatingSystem, operatingSystemVersion, trustType, approximateLastSignIn);
    }

    /**
     * This state without an MDM: not managed, not compliant, no {@code managementType}, {@code mdmAppId} or
     * compliance expiration (a device as it joined, or one its MDM let go).
     *
     * @return a copy
     */
    public ManagementState unmanaged() {
        return new ManagementState(accountEnabled, false, false, null, null, null, operatingSystem,
                operatingSystemVersion, trustType, approximateLastSignIn);
    }
}
