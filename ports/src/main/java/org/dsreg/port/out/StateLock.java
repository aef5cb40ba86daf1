package org.dsreg.port.out;

/** One dsreg at a time changes state. */
public interface StateLock {
    /**
     * Takes the lock, or fails at once with a clear message when another dsreg holds it.
     *
     * @return what releases the lock when closed
     */
    Held acquire();

    /**
     * This lock, with {@code step} run each time it is taken, while held: a step that throws releases the lock and
     * the acquisition fails with what it threw.
     */
    default StateLock then(Runnable step) {
        return () -> {
            Held held = acquire();
            try {
                step.run();
            } catch (RuntimeException e) {
                held.close();
                throw e;
            }
            return held;
        };
    }

    /** A held lock. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
