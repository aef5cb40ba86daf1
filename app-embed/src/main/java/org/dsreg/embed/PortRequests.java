package org.dsreg.embed;

import org.dsreg.port.in.CleanupCommand;
import org.dsreg.port.in.JoinDeviceCommand;
import org.dsreg.port.in.TokenSourceSpec;
import org.dsreg.port.out.KeyStorages;

/** The embedding API's requests as the use cases' commands, and their answers back: the only translation. */
final class PortRequests {
    private PortRequests() {
    }

    /** Checks the request as the core does ({@link JoinDeviceCommand}'s rules). */
    static JoinDeviceCommand join(JoinRequest r) {
        return new JoinDeviceCommand(r.tenant().text(), r.joinType(), r.deviceName(), tokenSource(r.tokenSource()),
                r.keyStorage(), r.deviceMode());
    }

    static TokenSourceSpec tokenSource(TokenSource source) {
        if (source instanceof TokenSource.File f) {
            return new TokenSourceSpec.File(f.path());
        }
        return source instanceof TokenSource.Broker ? new TokenSourceSpec.Broker() : new TokenSourceSpec.DeviceCode();
    }

    static CleanupCommand cleanup(CleanupRequest r) {
        return new CleanupCommand(r.home().toString(), r.system());
    }

    static KeyStorageBackend backend(KeyStorages.Backend b) {
        return new KeyStorageBackend(b.name(), b.description(), b.capabilities(), b.availability());
    }
}
