package org.dsreg.adapter.drs;

import java.io.InterruptedIOException;

/**
 * A request through a proxy that got no answer in time: the proxy, or the server behind it, was silent. Carries the
 * proxy's name ({@code host:port (from https_proxy)}) so that the timeout message can say which proxy it went through.
 */
final class ProxyTimeout extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    private final String proxy;

    ProxyTimeout(String proxy) {
        super("timeout through the proxy " + proxy);
        this.proxy = proxy;
    }

    /** " through the proxy host:port (from …)" when {@code e} or a cause of it is a proxy timeout, else "". */
    static String through(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProxyTimeout p) {
                return " through the proxy " + p.proxy;
            }
        }
        return "";
    }
}
