package org.dsreg.port.out;

import java.util.List;
import java.util.Optional;
import org.dsreg.domain.Registration;
import org.dsreg.domain.TenantId;

/**
 * dsreg's own registrations, one per tenant. A store that does not exist yet holds none: that is
 * "not registered", never an error. Unreadable or corrupt state is a
 * {@link org.dsreg.domain.ErrorKind#QUERY_FAILED} failure naming the file.
 */
public interface RegistrationStore {
    List<Registration> list();

    Optional<Registration> find(TenantId tenant);

    /** Saves a registration in one atomic step: afterwards the old one or the new one is stored, never a mix. */
    void save(Registration registration);

    /** Removes the registration of a tenant; false when there was none. */
    boolean delete(TenantId tenant);
}
