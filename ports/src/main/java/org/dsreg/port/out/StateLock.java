package org.dsreg.port.out;

/** One dsreg at a time changes state. */
public interface StateLock {
    /**
     * Takes the lock, or fails at once with a clear message when another dsreg holds it.
     *
     * @return what releases the lock when closed
     */
    Held acquire();

    /** A held lock. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
