package com.sun.jna;

/**
 * Stand-in for JNA, which is not on this module's test classpath. The rules recognise a library
 * by its package name only, so a class in this package is as good as the real one for the
 * fixtures, and costs no dependency.
 */
public final class FakeNative {
    private FakeNative() {
    }

    public static int load(String library) {
        return library.length();
    }
}
