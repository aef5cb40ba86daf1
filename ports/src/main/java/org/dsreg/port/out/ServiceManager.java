package org.dsreg.port.out;

import org.dsreg.domain.ServiceUnit;

/** The service manager (systemd): the state of a unit and the binary it runs; stopping a unit. */
public interface ServiceManager {
    /** The unit's state. Never throws: what cannot be asked is reported in the unit. */
    ServiceUnit unit(String name, ServiceUnit.Scope scope);

    /**
     * Stops a system unit and waits until systemd has taken the job (not for the unit to be
     * down).
     *
     * @throws org.dsreg.domain.DsregException when systemd cannot be asked or refuses
     */
    void stop(String name);
}
