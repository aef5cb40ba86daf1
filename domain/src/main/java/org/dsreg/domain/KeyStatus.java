package org.dsreg.domain;

import java.util.Objects;

/** What dsreg found of a registration's device key in its storage. */
public sealed interface KeyStatus {

    /** The key is present in its storage. */
    record Present(KeyProtection protection, boolean matchesCertificate) implements KeyStatus {
        public Present {
            Objects.requireNonNull(protection, "protection");
        }
    }

    /** The storage answered, and the key is not there. */
    record Missing(String storage) implements KeyStatus {
        public Missing {
            Objects.requireNonNull(storage, "storage");
        }
    }

    /** The key could not be looked at (no such backend here, permission denied, the backend failed). */
    record Unknown(String reason) implements KeyStatus {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
