package org.dsreg.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.dsreg.domain.CertificateValidity;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.port.out.DeviceNotFoundException;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.DeviceRegistrationService.DeviceObject;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.spi.keystorage.KeyStorage;

/**
 * Whether an identity needs repair, from the service first: DRS answers the device's own GET (over TLS with its
 * key) with 404 (the device object is gone), the certificate has expired or expires within {@link #SOON}, or the
 * device key is gone. A device DRS says is disabled is refused, never repaired: re-joining would undo an
 * administrator's decision.
 */
final class RepairCheck {
    /** A certificate that expires sooner than this is renewed by a repair. */
    static final Duration SOON = Duration.ofDays(30);

    /**
     * What was found.
     *
     * @param reason        why the identity is (or is not) replaced, for the user
     * @param healthy       nothing to do
     * @param previousGone  DRS no longer has the previous device (nothing to delete there)
     * @param device        what DRS said of the previous device, when it answered
     */
    record Finding(String reason, boolean healthy, boolean previousGone, Optional<DeviceObject> device) {
    }

    private RepairCheck() {
    }

    static Finding of(DeviceRegistrationService drs, KeyStorages storages, ServiceEndpoint join, Registration r,
                      Instant now) {
        Optional<KeyStorage> storage = storages.find(r.deviceKey().storage());
        if (storage.isEmpty() || storage.get().publicKey(r.deviceKey().alias()).isEmpty()) {
            return new Finding("the device key " + r.deviceKey().storage() + ":" + r.deviceKey().alias()
                    + " is gone", false, false, Optional.empty());
        }
        CertificateValidity validity = r.certificate().validityAt(now);
        DeviceObject device;
        try {
            device = drs.readDevice(join, r.deviceId(), r.certificate(), storage.get(), r.deviceKey().alias());
        } catch (DeviceNotFoundException e) {
            return new Finding("DRS no longer has device " + r.deviceId() + " (deleted)", false, true,
                    Optional.empty());
        } catch (DrsException e) {
            if (validity == CertificateValidity.VALID) {
                throw e; // cannot tell: nothing is changed
            }
            return new Finding("the device certificate is not valid now (" + validity + ")", false, false,
                    Optional.empty());
        }
        refuseDisabled(r, device);
        if (validity != CertificateValidity.VALID) {
            return new Finding("the device certificate is not valid now (" + validity + ")", false, false,
                    Optional.of(device));
        }
        Duration left = r.certificate().timeToExpiry(now);
        if (left.compareTo(SOON) < 0) {
            return new Finding("the device certificate expires in " + left.toDays() + " days (on "
                    + r.certificate().notAfter() + ")", false, false, Optional.of(device));
        }
        return new Finding("device " + r.deviceId() + " is healthy: DRS has it, enabled, its key is here and its"
                + " certificate is valid until " + r.certificate().notAfter() + "; nothing to repair", true, false,
                Optional.of(device));
    }

    /** A rekey moves a working identity: the previous device must exist and be enabled. */
    static Finding rekeyable(DeviceRegistrationService drs, KeyStorages storages, ServiceEndpoint join,
                             Registration r) {
        KeyStorage storage = storages.find(r.deviceKey().storage()).filter(s -> s.publicKey(r.deviceKey().alias())
                .isPresent()).orElseThrow(() -> new DsregException(ErrorKind.QUERY_FAILED, "the device key "
                + r.deviceKey().storage() + ":" + r.deviceKey().alias() + " is gone: this identity cannot be moved",
                new Remedy.Repair(r.tenantId()), null));
        DeviceObject device;
        try {
            device = drs.readDevice(join, r.deviceId(), r.certificate(), storage, r.deviceKey().alias());
        } catch (DeviceNotFoundException e) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "DRS no longer has device " + r.deviceId()
                    + ": this identity cannot be moved", new Remedy.Repair(r.tenantId()), e);
        }
        refuseDisabled(r, device);
        return new Finding("moved from key storage '" + r.deviceKey().storage() + "'", false, false,
                Optional.of(device));
    }

    private static void refuseDisabled(Registration r, DeviceObject device) {
        if (!device.enabled()) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "device " + r.deviceId() + " is disabled in tenant "
                    + r.tenantId() + "; dsreg does not replace it, which would undo that decision",
                    Remedy.say("an administrator of the tenant can enable it in the Microsoft Entra admin center"
                            + " (Devices > All devices)"), null);
        }
    }
}
