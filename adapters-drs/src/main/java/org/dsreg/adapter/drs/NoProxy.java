package org.dsreg.adapter.drs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code no_proxy} list, matched as curl matches it: entries separated by commas (blanks around them ignored,
 * empty entries skipped); {@code *} alone for every host; a host name matches itself and its subdomains, with or
 * without a leading dot ({@code example.com} and {@code .example.com} both match {@code example.com} and
 * {@code a.example.com}, never {@code badexample.com}), case-insensitively, trailing dots ignored; an IPv4 or IPv6
 * address matches that address, and with {@code /bits} the CIDR range (never by resolving a name). Unlike curl, an
 * entry may name a port ({@code host:8443}, {@code [::1]:8443}) and then matches that port only, as Python and Go do;
 * curl would never match such an entry.
 */
final class NoProxy {
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private record Entry(String pattern, Optional<Integer> port) {
    }

    private final boolean all;
    private final List<Entry> entries;

    private NoProxy(boolean all, List<Entry> entries) {
        this.all = all;
        this.entries = entries;
    }

    static NoProxy none() {
        return new NoProxy(false, List.of());
    }

    static NoProxy parse(String list) {
        if (list.strip().equals("*")) {
            return new NoProxy(true, List.of());
        }
        List<Entry> entries = new ArrayList<>();
        for (String raw : list.split(",")) {
            String e = raw.strip().toLowerCase(Locale.ROOT);
            if (!e.isEmpty()) {
                entries.add(entry(e));
            }
        }
        return new NoProxy(false, List.copyOf(entries));
    }

    private static Entry entry(String e) {
        if (e.startsWith("[")) { // [v6] or [v6]:port
            int close = e.indexOf(']');
            if (close > 0) {
                String rest = e.substring(close + 1);
                Optional<Integer> port = rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches()
                        ? Optional.of(Integer.parseInt(rest.substring(1))) : Optional.empty();
                return new Entry(e.substring(1, close), port);
            }
        }
        int colon = e.lastIndexOf(':');
        if (colon > 0 && e.indexOf(':') == colon && PORT.matcher(e.substring(colon + 1)).matches()) {
            return new Entry(e.substring(0, colon), Optional.of(Integer.parseInt(e.substring(colon + 1))));
        }
        return new Entry(e, Optional.empty());
    }

    /** Whether a request to this host (a name or an address literal, IPv6 with or without brackets) and port skips the proxy. */
    boolean matches(String host, int port) {
        if (all) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        boolean address = Cidr.literal(name).isPresent();
        for (Entry e : entries) {
            if (e.port().isPresent() && e.port().get() != port) {
                continue;
            }
            if (address ? Cidr.matches(e.pattern(), name) : suffix(e.pattern(), name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean suffix(String pattern, String name) {
        String p = pattern;
        while (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.startsWith(".")) {
            p = p.substring(1);
        }
        return !p.isEmpty() && (name.equals(p) || name.endsWith("." + p));
    }
}
