package org.dsreg.port.out;

import org.dsreg.domain.ServiceUnit;

/** The service manager (systemd): the state of a unit and the binary it runs. Never throws. */
public interface ServiceManager {
    ServiceUnit unit(String name, ServiceUnit.Scope scope);
}
