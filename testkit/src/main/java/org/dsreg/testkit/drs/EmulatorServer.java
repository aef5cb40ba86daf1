package org.dsreg.testkit.drs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * The HTTPS listener of a {@link DrsEmulator}: 127.0.0.1 only, TLS that asks for a client certificate without
 * requiring one (the device delete is authenticated by it, everything else is not), up to 16 daemon threads, every
 * request to one handler. Bound when made, serving once {@link #start}ed, stopped at once by {@link #close()}.
 */
final class EmulatorServer implements AutoCloseable {
    private final HttpsServer server;
    private final ThreadPoolExecutor executor;

    /**
     * Binds 127.0.0.1:{@code port} ({@code 0}: an ephemeral port).
     *
     * @throws IOException when the port cannot be bound
     */
    EmulatorServer(int port, SSLContext tls) throws IOException {
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(16, 16, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "drs-emulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setWantClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.setExecutor(executor);
    }

    /** The port bound. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Serves every request with {@code handler}. */
    void start(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
    }

    /** Stops at once (open exchanges are cut), and the threads with it. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
