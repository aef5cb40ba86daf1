package org.dsreg.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.dsreg.application.TokenServiceStanding.Answer;
import org.dsreg.application.TokenServiceStanding.Standing;
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
 * device key is gone. A device an administrator disabled is refused, never replaced: re-joining would undo their
 * decision. Whether it is disabled is DRS's {@code Enabled}; when DRS cannot be asked as the device (its key is
 * gone, its certificate is refused) or does not say, the token service through a PRT ({@link TokenServiceStanding});
 * when neither can tell, the replacement is refused unless forced (fail closed).
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
     * @param warning       what the user is told beside the result (a forced replacement)
     */
    record Finding(String reason, boolean healthy, boolean previousGone, Optional<DeviceObject> device,
                   Optional<String> warning) {
        Finding(String reason, Optional<DeviceObject> device) {
            this(reason, false, false, device, Optional.empty());
        }
    }

    private final DeviceRegistrationService drs;
    private final KeyStorages storages;
    private final TokenServiceStanding standing;

    RepairCheck(DeviceRegistrationService drs, KeyStorages storages, TokenServiceStanding standing) {
        this.drs = drs;
        this.storages = storages;
        this.standing = standing;
    }

    /** Whether {@code r} is repaired; {@code force}: when nobody can say whether it is disabled, repair it anyway. */
    Finding repair(ServiceEndpoint join, Registration r, Instant now, boolean force) {
        Optional<KeyStorage> storage = storages.find(r.deviceKey().storage());
        if (storage.isEmpty() || storage.get().publicKey(r.deviceKey().alias()).isEmpty()) {
            return notDisabled(r, new Finding("the device key " + r.deviceKey().storage() + ":" + r.deviceKey().alias()
                    + " is gone", Optional.empty()), force);
        }
        CertificateValidity validity = r.certificate().validityAt(now);
        DeviceObject device;
        try {
            device = drs.readDevice(join, r.deviceId(), r.certificate(), storage.get(), r.deviceKey().alias());
        } catch (DeviceNotFoundException e) {
            // DRS's 404 is enough to repair, unless the token service, when a PRT can ask it, says disabled
            Standing s = standing.of(r);
            refuseIf(s.answer() == Answer.DISABLED, r, "DRS answered 404, but " + s.reason());
            // a token service that still has it: its delete is tried (a 404 there is gone)
            return new Finding("DRS no longer has device " + r.deviceId() + " (deleted)", false,
                    s.answer() != Answer.ENABLED, Optional.empty(), Optional.empty());
        } catch (DrsException e) {
            if (validity == CertificateValidity.VALID) {
                throw e; // cannot tell: nothing is changed
            }
            return notDisabled(r, new Finding("the device certificate is not valid now (" + validity + ")",
                    Optional.empty()), force);
        }
        if (validity != CertificateValidity.VALID) {
            return notDisabled(r, new Finding("the device certificate is not valid now (" + validity + ")",
                    Optional.of(device)), force);
        }
        Duration left = r.certificate().timeToExpiry(now);
        if (left.compareTo(SOON) < 0) {
            return notDisabled(r, new Finding("the device certificate expires in " + left.toDays() + " days (on "
                    + r.certificate().notAfter() + ")", Optional.of(device)), force);
        }
        refuseIf(device.disabled(), r, "DRS says so");
        return new Finding("device " + r.deviceId() + " is healthy: DRS has it" + (device.enabled().isPresent()
                ? ", enabled" : "") + ", its key is here and its certificate is valid until "
                + r.certificate().notAfter() + "; nothing to repair", true, false, Optional.of(device),
                Optional.empty());
    }

    /** A rekey moves a working identity: the previous device must exist and be enabled. */
    Finding rekey(ServiceEndpoint join, Registration r, boolean force) {
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
        Finding moved = notDisabled(r, new Finding("moved from key storage '" + r.deviceKey().storage() + "'",
                Optional.of(device)), force);
        if (moved.previousGone()) { // the token service no longer knows it, though DRS answered: not a working one
            throw new DsregException(ErrorKind.QUERY_FAILED, "device " + r.deviceId() + " is not known to the token"
                    + " service: this identity cannot be moved", new Remedy.Repair(r.tenantId()), null);
        }
        return moved;
    }

    /**
     * {@code found}, once the device is known not to be disabled: DRS's {@code Enabled} when it said, else the token
     * service's answer through a PRT (a device it does not know is gone); refused when disabled, and when nobody can
     * tell unless {@code force}.
     */
    private Finding notDisabled(Registration r, Finding found, boolean force) {
        Optional<Boolean> enabled = found.device().flatMap(DeviceObject::enabled);
        if (enabled.isPresent()) {
            refuseIf(!enabled.get(), r, "DRS says so");
            return found;
        }
        Standing s = standing.of(r);
        refuseIf(s.answer() == Answer.DISABLED, r, s.reason());
        if (s.answer() == Answer.GONE) {
            return new Finding(found.reason() + "; " + s.reason(), false, true, found.device(), Optional.empty());
        }
        if (s.answer() == Answer.ENABLED) {
            return found;
        }
        if (!force) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "cannot tell whether an administrator disabled"
                    + " device " + r.deviceId() + " (" + found.reason() + "; DRS did not say, and " + s.reason()
                    + "); it is not replaced, which could undo that decision", new Remedy.ForceIfNotDisabled(
                    r.deviceId()), null);
        }
        return new Finding(found.reason(), false, false, found.device(), Optional.of("forced: replaced without"
                + " knowing whether an administrator disabled device " + r.deviceId() + " (" + s.reason() + ")"));
    }

    private static void refuseIf(boolean disabled, Registration r, String how) {
        if (disabled) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "device " + r.deviceId() + " is disabled in tenant "
                    + r.tenantId() + " (" + how + "); dsreg does not replace it, which would undo that decision",
                    Remedy.say("an administrator of the tenant can enable it in the Microsoft Entra admin center"
                            + " (Devices > All devices)"), null);
        }
    }
}
