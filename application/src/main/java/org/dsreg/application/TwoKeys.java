package org.dsreg.application;

import java.security.PublicKey;
import java.util.List;
import java.util.function.Supplier;
import org.dsreg.domain.KeyRef;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;

/**
 * The join's device and transport keys, made at the same time (an RSA-2048 key takes a core for a
 * while): the device key on a thread of its own, the transport key on the caller's. The device key's
 * creation is recorded before the transport key's, each before it is made. Both are always waited
 * for; each key made is added to the caller's list of keys to remove on failure, the device key
 * first, and then the first failure, the device key's before the transport key's, is thrown.
 */
final class TwoKeys {
    private TwoKeys() {
    }

    /** The two public keys. */
    record Made(PublicKey device, PublicKey transport) {
    }

    static Made generate(KeyStorage storage, KeyRef device, KeyRef transport, List<KeyRef> created) {
        Maker deviceMaker = new Maker(stage(storage, device.alias())); // recorded here, first
        Thread thread = new Thread(deviceMaker, "dsreg-device-key");
        thread.setDaemon(true);
        thread.start();
        Maker transportMaker = new Maker(() -> stage(storage, transport.alias()).get());
        transportMaker.run();
        waitFor(thread);
        if (deviceMaker.made != null) {
            created.add(device);
        }
        if (transportMaker.made != null) {
            created.add(transport);
        }
        Throwable first = deviceMaker.failure != null ? deviceMaker.failure : transportMaker.failure;
        if (first != null) {
            if (first == deviceMaker.failure && transportMaker.failure != null) {
                first.addSuppressed(transportMaker.failure); // both failed: the second is kept, not lost
            }
            rethrow(first);
        }
        return new Made(deviceMaker.made, transportMaker.made);
    }

    private static Supplier<PublicKey> stage(KeyStorage storage, String alias) {
        return storage instanceof StagedKeys staged ? staged.stage(alias) : () -> storage.generate(alias);
    }

    /** Waits for the thread to end, however often this one is interrupted (it is interrupted again after). */
    private static void waitFor(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Throws {@code failure}: as it is when unchecked; a checked exception that a storage threw
     * without declaring it (a plug-in in another JVM language can) as a {@link KeyStorageException}.
     */
    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new KeyStorageException("the key storage failed: " // its words, never its class name
                + (failure.getMessage() == null ? "no reason given" : failure.getMessage()), failure);
    }

    /** Makes one key, keeping the key or the failure for the caller (read after the thread has ended). */
    private static final class Maker implements Runnable {
        private final Supplier<PublicKey> make;
        private PublicKey made;
        private Throwable failure;

        Maker(Supplier<PublicKey> make) {
            this.make = make;
        }

        @Override
        public void run() {
            try {
                made = make.get();
            } catch (Throwable e) { // never escapes the thread, whatever a storage throws
                failure = e; // thrown by the caller once both keys are done
            }
        }
    }
}
