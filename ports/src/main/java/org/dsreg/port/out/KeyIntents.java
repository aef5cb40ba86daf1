package org.dsreg.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.dsreg.domain.KeyRef;

/**
 * Intent records: before dsreg creates keys it records, durably and under the state lock, which keys
 * it is about to create; once a registration owns them (or they are removed again) the record goes.
 * A record still there at the next run that takes the lock is an interrupted creation: its keys that
 * no registration references are removed. Every key dsreg creates goes through one (join now; session,
 * repair and migration keys later).
 */
public interface KeyIntents {
    /** Records that {@code keys} are about to be created (written atomically before any is). */
    Intent record(String purpose, List<KeyRef> keys);

    /** Removes the record: the keys are owned by a registration now, or were removed. */
    void complete(Intent intent);

    /** The records of creations that never completed, oldest first. */
    List<Intent> pending();

    /** One record: its id (a file name), what it was for, when, and the keys. */
    record Intent(String id, String purpose, Instant at, List<KeyRef> keys) {
        public Intent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(at, "at");
            keys = List.copyOf(keys);
        }
    }
}
