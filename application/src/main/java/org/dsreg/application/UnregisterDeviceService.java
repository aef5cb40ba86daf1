package org.dsreg.application;

import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.Unregistration;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.UnregisterDeviceCommand;
import org.dsreg.port.in.UnregisterDeviceUseCase;
import org.dsreg.port.out.DeviceNotFoundException;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StateLock;
import org.dsreg.spi.keystorage.KeyStorage;

/**
 * Deletes the device at DRS (authenticated by its certificate), then the registration, then its
 * keys. A device DRS no longer knows is unregistered here all the same.
 */
public final class UnregisterDeviceService implements UnregisterDeviceUseCase {
    private final DeviceRegistrationService drs;
    private final KeyStorages keyStorages;
    private final RegistrationStore store;
    private final StateLock lock;
    private final PrtStore prts;

    public UnregisterDeviceService(DeviceRegistrationService drs, KeyStorages keyStorages, RegistrationStore store,
                                   StateLock lock, PrtStore prts) {
        this.drs = drs;
        this.keyStorages = keyStorages;
        this.store = store;
        this.lock = lock;
        this.prts = prts;
    }

    @Override
    public Unregistration unregister(UnregisterDeviceCommand command) {
        try (StateLock.Held held = lock.acquire()) {
            Registration r = store.find(command.tenant()).orElseThrow(() -> new DsregException(
                    ErrorKind.DRS_TOKEN_REQUIRED, "this device is not registered with tenant " + command.tenant()
                    + " by dsreg: there is no device credential to unregister with",
                    new Remedy.ShowStatus("for the registrations on this device"), null));
            KeyStorage storage = keyStorages.find(r.deviceKey().storage()).orElseThrow(() -> new DsregException(
                    ErrorKind.DRS_TOKEN_REQUIRED, "the device key is in key storage '" + r.deviceKey().storage()
                    + "', which is not available here", null, null));
            ServiceEndpoint join = r.tenantDetails().joinService().orElseGet(() ->
                    drs.discover(r.tenantId().toString()).details().joinService().orElseThrow(() -> new DsregException(
                            ErrorKind.UNREGISTRATION_FAILED, "discovery names no device join service", null, null)));
            boolean alreadyDeleted = false;
            try {
                drs.delete(join, r.deviceId(), r.certificate(), storage, r.deviceKey().alias());
            } catch (DeviceNotFoundException e) {
                alreadyDeleted = true; // DRS, having seen our certificate, has no such device: nothing left there
            } catch (DrsException e) {
                throw new DsregException(ErrorKind.UNREGISTRATION_FAILED, "DRS did not unregister device "
                        + r.deviceId() + ": " + e.getMessage(), Remedy.say("nothing was removed locally; try again"), e);
            }
            // The device object is gone: local state now describes nothing. Registration first, so
            // that a failure below leaves only orphan keys, never a registration without its key.
            store.delete(r.tenantId());
            Optional<String> prtsLeft = removePrts(r);
            JoinDeviceService.removeQuietly(storage, keysOf(r));
            return new Unregistration(r, alreadyDeleted, prtsLeft);
        }
    }

    /**
     * The PRTs were the device's: without it the service refuses them; their files and session keys go. A failure
     * does not undo the unregistration (the device is gone at DRS and here): it is reported, why, for the user.
     */
    private Optional<String> removePrts(Registration r) {
        try {
            prts.deleteAll(r.tenantId()).forEach(p -> PrtAccounts.deleteQuietly(keyStorages, p.sessionKey()));
            return Optional.empty();
        } catch (DsregException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static List<KeyRef> keysOf(Registration r) {
        return r.transportKey().map(t -> List.of(r.deviceKey(), t)).orElse(List.of(r.deviceKey()));
    }

}
