package org.dsreg.port.out;

import java.util.List;
import java.util.Objects;
import org.dsreg.domain.Registration;

/**
 * Registrations made by the Microsoft identity broker, read (never written) from its certificate
 * directory. An absent directory yields none.
 */
public interface BrokerRegistrations {

    Found read();

    /** What was found, and why anything that looked like a registration could not be read. */
    record Found(List<Registration> registrations, List<String> unreadable) {
        public Found {
            registrations = List.copyOf(registrations);
            unreadable = List.copyOf(Objects.requireNonNull(unreadable, "unreadable"));
        }
    }
}
