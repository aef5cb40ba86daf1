package org.dsreg.application;

import java.time.Clock;
import java.util.Optional;
import org.dsreg.domain.CertificateValidity;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Registration;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.port.out.DeviceNotFoundException;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.spi.keystorage.KeyStorage;

/**
 * What DRS says of one device of a replacement, asked as itself (TLS with its own key), read so that settling never
 * waits on what waiting cannot change and never mistakes "no answer" for an answer. A {@code 404} on a connection that
 * presented the certificate ({@link DeviceNotFoundException}) is gone; {@code 401} and {@code 403} are DRS seeing the
 * certificate and refusing it (an administrator disabled the device, or DRS no longer accepts the certificate): the
 * device is there, and waiting will not change that. A certificate that has expired and got no answer cannot be
 * asked, ever. Everything else (no answer with a valid certificate, 5xx, 408, 429, a 404 that did not see the
 * certificate), and a key storage that is not available here, throws: the record waits for the next run.
 */
final class DeviceAtDrs {
    /** What the device GET said. */
    enum State {
        /** DRS answered for it. */
        LIVE,
        /** DRS no longer has it (404 with the certificate presented). */
        GONE,
        /** Its key is gone here: it can never be asked again (DRS may still have it). */
        KEY_GONE,
        /** DRS saw its certificate and refused it (401, 403). */
        REFUSED,
        /** Its certificate has expired and got no answer (not yet valid is a clock's error, which waits). */
        UNASKABLE
    }

    /** A device's delete: done at DRS (now or before), or left for an administrator, and why. */
    record Deletion(boolean gone, Optional<String> leftBecause) {
    }

    private final DeviceRegistrationService drs;
    private final KeyStorages storages;
    private final Clock clock;

    DeviceAtDrs(DeviceRegistrationService drs, KeyStorages storages, Clock clock) {
        this.drs = drs;
        this.storages = storages;
        this.clock = clock;
    }

    /** The device GET of {@code r} with its own key. */
    State of(ServiceEndpoint join, Registration r) {
        KeyStorage storage = storage(r);
        if (storage.publicKey(r.deviceKey().alias()).isEmpty()) {
            return State.KEY_GONE;
        }
        try {
            drs.readDevice(join, r.deviceId(), r.certificate(), storage, r.deviceKey().alias());
            return State.LIVE;
        } catch (DeviceNotFoundException e) {
            return State.GONE;
        } catch (DrsException e) {
            return forGood(e, r).orElseThrow(() -> e);
        }
    }

    /**
     * Deletes {@code r}'s device with its own key: gone (deleted now, or before), or left for an administrator when it
     * cannot be deleted as itself (its key is gone here, or DRS refuses it for good). DRS that cannot be reached, or
     * a key storage that is not available here, throws: the record keeps the key, the only thing that can delete it.
     */
    Deletion delete(ServiceEndpoint join, Registration r) {
        KeyStorage storage = storage(r);
        if (storage.publicKey(r.deviceKey().alias()).isEmpty()) {
            return new Deletion(false, Optional.of("its key " + r.deviceKey().storage() + ":" + r.deviceKey().alias()
                    + " is gone"));
        }
        try {
            drs.delete(join, r.deviceId(), r.certificate(), storage, r.deviceKey().alias());
            return new Deletion(true, Optional.empty());
        } catch (DeviceNotFoundException e) {
            return new Deletion(true, Optional.empty());
        } catch (DrsException e) {
            forGood(e, r).orElseThrow(() -> e);
            return new Deletion(false, Optional.of(e.getMessage()));
        }
    }

    /** {@link State#REFUSED} or {@link State#UNASKABLE} when {@code e} says so; empty when it may pass. */
    private Optional<State> forGood(DrsException e, Registration r) {
        if (e.httpStatus() == 401 || e.httpStatus() == 403) {
            return Optional.of(State.REFUSED);
        }
        if (e.httpStatus() == 0 && r.certificate().validityAt(clock.instant()) == CertificateValidity.EXPIRED) {
            return Optional.of(State.UNASKABLE);
        }
        return Optional.empty();
    }

    private KeyStorage storage(Registration r) {
        return storages.find(r.deviceKey().storage()).orElseThrow(() -> new DsregException(ErrorKind.QUERY_FAILED,
                "the key storage '" + r.deviceKey().storage() + "' is not available here", null, null));
    }
}
