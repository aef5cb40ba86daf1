package org.dsreg.port.out;

import java.util.List;
import java.util.Optional;
import org.dsreg.domain.CorruptRegistration;
import org.dsreg.domain.Registration;
import org.dsreg.domain.TenantId;

/**
 * dsreg's own registrations, one per tenant. A store that does not exist yet holds none: that is
 * "not registered", never an error. A registration file that does not read, or does not agree
 * with itself, is corrupt: {@link #list()} leaves it out and {@link #corrupt()} names it, and
 * {@link #find} of its tenant is a {@link org.dsreg.domain.ErrorKind#QUERY_FAILED} failure, so no
 * action changes it.
 */
public interface RegistrationStore {
    /** The registrations that read and agree with themselves, by tenant. */
    List<Registration> list();

    /** The registration files that are corrupt, with why. */
    default List<CorruptRegistration> corrupt() {
        return List.of();
    }

    /** Both, from one read of the store: for callers that need the sound and the corrupt alike. */
    default Contents contents() {
        return new Contents(list(), corrupt());
    }

    /** What the store holds: the sound registrations and the corrupt files. */
    record Contents(List<Registration> registrations, List<CorruptRegistration> corrupt) {
        public Contents {
            registrations = List.copyOf(registrations);
            corrupt = List.copyOf(corrupt);
        }
    }

    /** The tenant's registration; a corrupt one is a failure naming the file and the reason. */
    Optional<Registration> find(TenantId tenant);

    /** Saves a registration in one atomic step: afterwards the old one or the new one is stored, never a mix. */
    void save(Registration registration);

    /** Removes the registration of a tenant; false when there was none. */
    boolean delete(TenantId tenant);
}
