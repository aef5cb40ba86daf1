package org.dsreg.port.out;

import java.util.List;
import java.util.Objects;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.TenantId;

/**
 * Identity replacements under way ({@code --repair}, {@code --rekey}): for a tenant, the registration in use and the
 * new one DRS issued, recorded durably (one atomic write) as soon as the new device exists at DRS and before
 * anything else changes. Whoever takes the state lock next finishes or undoes a replacement left behind, deciding
 * from what DRS says about the two devices. The keys of both registrations of a record are referenced: no
 * interrupted-creation cleanup removes them while it is there.
 */
public interface StagedIdentities {
    /** Records the replacement (replacing an earlier record of the same tenant), atomically. */
    void stage(Staged staged);

    /** The replacements left behind, by tenant; an unreadable record is skipped (status names it). */
    List<Staged> pending();

    /** Removes the tenant's record; false when there was none. */
    boolean remove(TenantId tenant);

    /** Why the identity is replaced. */
    enum Purpose {
        /** {@code --repair}: the previous identity no longer works (or soon will not). */
        REPAIR,
        /** {@code --rekey}: the previous identity works; it moves to another key storage. */
        REKEY
    }

    /** One replacement: the registration in use, the new one, and why. */
    record Staged(Registration previous, Registration next, Purpose purpose) {
        public Staged {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(purpose, "purpose");
            if (!previous.tenantId().equals(next.tenantId())) {
                throw new IllegalArgumentException("a replacement stays with its tenant");
            }
        }

        public TenantId tenant() {
            return previous.tenantId();
        }

        /** The keys of both registrations. */
        public List<KeyRef> keys() {
            return List.of(previous, next).stream().flatMap(r -> r.transportKey().isPresent()
                    ? java.util.stream.Stream.of(r.deviceKey(), r.transportKey().get())
                    : java.util.stream.Stream.of(r.deviceKey())).toList();
        }
    }
}
