package org.dsreg.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * How the test kit's runnable programs serve: announce readiness, then run until standard input
 * ends (or, when told to ignore it, until SIGTERM), and close the server either way.
 */
public final class ServeUntilStopped {
    private ServeUntilStopped() {
    }

    /**
     * Registers a shutdown hook that closes {@code server}, runs {@code announce} (which prints the
     * "ready" lines), waits, and closes the server.
     */
    public static void serve(AutoCloseable server, InputStream stdin, boolean ignoreStdin, Runnable announce) {
        serve(server, stdin, ignoreStdin, announce, line -> { });
    }

    /**
     * As {@link #serve(AutoCloseable, InputStream, boolean, Runnable)}, giving each line of standard input (UTF-8,
     * without its end) to {@code onLine} as it comes, until end of file.
     */
    public static void serve(AutoCloseable server, InputStream stdin, boolean ignoreStdin, Runnable announce,
                             Consumer<String> onLine) {
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            closeQuietly(server);
            stop.countDown();
        }, "testkit-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        announce.run();
        try {
            if (ignoreStdin) {
                stop.await();
            } else {
                BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    onLine.accept(line); // end of file stops the server
                }
            }
        } catch (IOException e) {
            // stdin broken: stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(server);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            // closing is best effort at exit
        }
    }
}
