package org.dsreg.adapter.drs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Address literals and CIDR ranges of a {@code no_proxy} entry, as curl compares them: {@code address} or
 * {@code address/bits}, a missing or zero prefix meaning the address alone, a prefix longer than the address never
 * matching. Only literals are parsed; no name is ever resolved.
 */
final class Cidr {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Cidr() {
    }

    /** Whether the address literal {@code address} is in the entry {@code pattern}. */
    static boolean matches(String pattern, String address) {
        int slash = pattern.indexOf('/');
        String network = slash < 0 ? pattern : pattern.substring(0, slash);
        Optional<byte[]> net = literal(network);
        Optional<byte[]> addr = literal(address);
        if (net.isEmpty() || addr.isEmpty() || net.get().length != addr.get().length) {
            return false;
        }
        int max = addr.get().length * 8;
        int bits;
        try {
            bits = slash < 0 ? 0 : Integer.parseInt(pattern.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (bits < 0 || bits > max) {
            return false;
        }
        return samePrefix(net.get(), addr.get(), bits == 0 ? max : bits);
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IPv4 or IPv6 literal; empty for anything else (a name is not looked up). */
    static Optional<byte[]> literal(String text) {
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return Optional.empty();
                }
                b[i] = (byte) v;
            }
            return Optional.of(b);
        }
        if (!text.contains(":")) {
            return Optional.empty();
        }
        try {
            // bracketed, the JDK takes it as an IPv6 literal or refuses it: it never asks DNS
            byte[] b = InetAddress.getByName("[" + text + "]").getAddress();
            return b.length == 16 ? Optional.of(b) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
