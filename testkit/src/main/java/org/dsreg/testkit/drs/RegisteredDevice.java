package org.dsreg.testkit.drs;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A device the emulator registered through a successful join, as in {@link DrsEmulator#devices()}.
 *
 * @param deviceId         the device id: the lower-case GUID in the certificate's subject CN
 * @param certificate      the device certificate the emulator issued
 * @param transportKeyBlob the decoded {@code TransportKey} (a BCRYPT_RSAKEY_BLOB) from the join request; a copy
 * @param displayName      {@code DeviceDisplayName} from the join request
 * @param osVersion        {@code OSVersion} from the join request
 * @param joinType         {@code JoinType} from the join request (0, 4, 6 or 8)
 * @param deleted          whether the device was deleted through {@code DELETE /EnrollmentServer/device/{id}}
 * @param deviceType       {@code DeviceType} from the join request
 * @param targetDomain     {@code TargetDomain} from the join request
 * @param upn              the {@code upn} of the access token that registered the device
 * @param registeredAt     when the device was registered
 * @param sharedDevice     {@code Attributes.SharedDevice} from the join request (a boolean or a "true"/"false"
 *                         string, any member case); false when absent
 */
public record RegisteredDevice(String deviceId, X509Certificate certificate, byte[] transportKeyBlob,
                               String displayName, String osVersion, int joinType, boolean deleted,
                               String deviceType, String targetDomain, String upn, Instant registeredAt,
                               boolean sharedDevice) {

    /**
     * Copies the blob.
     *
     * @param deviceId         the device id
     * @param certificate      the certificate
     * @param transportKeyBlob the transport key blob
     * @param displayName      the display name
     * @param osVersion        the OS version
     * @param joinType         the join type
     * @param deleted          the deleted flag
     * @param deviceType       the device type
     * @param targetDomain     the target domain
     * @param upn              the registering user
     * @param registeredAt     the registration time
     * @param sharedDevice     the shared-device flag
     */
    public RegisteredDevice {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(certificate, "certificate");
        transportKeyBlob = transportKeyBlob.clone();
    }

    /**
     * The transport key blob.
     *
     * @return a copy of the BCRYPT_RSAKEY_BLOB bytes
     */
    @Override
    public byte[] transportKeyBlob() {
        return transportKeyBlob.clone();
    }

    /**
     * This device, marked deleted.
     *
     * @return a copy with {@code deleted == true}
     */
    public RegisteredDevice asDeleted() {
        return new RegisteredDevice(deviceId, certificate, transportKeyBlob, displayName, osVersion, joinType, true,
                deviceType, targetDomain, upn, registeredAt, sharedDevice);
    }
}
