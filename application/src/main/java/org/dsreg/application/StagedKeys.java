package org.dsreg.application;

import java.security.PublicKey;
import java.util.function.Supplier;

/**
 * A key storage that records a key's creation on the calling thread, and makes the key when asked,
 * on any thread: so that keys made at the same time are recorded in a known order, each before it
 * is made.
 */
interface StagedKeys {
    /** Records that the key {@code alias} is about to be made; the supplier makes it (once). */
    Supplier<PublicKey> stage(String alias);
}
