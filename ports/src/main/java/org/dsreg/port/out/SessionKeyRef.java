package org.dsreg.port.out;

import java.util.Arrays;
import java.util.Objects;

/** Where a stored PRT's session key is: inside a key-storage backend, or kept by dsreg in the PRT's 0600 file. */
public sealed interface SessionKeyRef {

    /** In a backend with the {@code SESSION_KEY_HMAC} capability, under this alias. */
    record InStorage(String storage, String alias) implements SessionKeyRef {
        public InStorage {
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(alias, "alias");
        }
    }

    /** The 32 bytes, kept in the PRT's own file (a backend without the capability). Never shown. */
    record Inline(byte[] key) implements SessionKeyRef {
        public Inline {
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Inline i && Arrays.equals(key, i.key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "Inline[hidden]";
        }
    }
}
