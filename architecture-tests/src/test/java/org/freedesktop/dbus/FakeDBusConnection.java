package org.freedesktop.dbus;

/**
 * Stand-in for dbus-java, which is not on this module's test classpath. The rules recognise a
 * library by its package name only, so a class in this package is as good as the real one for the
 * fixtures, and costs no dependency.
 */
public final class FakeDBusConnection {
    public String call(String method) {
        return method;
    }
}
