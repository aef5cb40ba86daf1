package org.dsreg.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What status can say of the PRTs dsreg keeps for one of its registrations. */
public sealed interface PrtRecords {

    /** The registration is not dsreg's (the Microsoft broker keeps its own PRTs, shown with the user's accounts). */
    record NotKept() implements PrtRecords {
    }

    /** dsreg's PRTs for the registration (none is {@code PRT Present : NO}), and the last attempt, if any. */
    record Known(List<DsregPrt> prts, Optional<PrtAttempt> lastAttempt) implements PrtRecords {
        public Known {
            prts = List.copyOf(prts);
            Objects.requireNonNull(lastAttempt, "lastAttempt");
        }
    }

    /** dsreg's PRTs are readable by root only, and this is not root. */
    record RootOnly() implements PrtRecords {
    }

    /** The PRT files could not be read (corrupt, unsafe): why. */
    record Unreadable(String reason) implements PrtRecords {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
