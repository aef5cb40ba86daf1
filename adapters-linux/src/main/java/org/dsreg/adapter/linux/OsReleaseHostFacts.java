package org.dsreg.adapter.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.HostInfo;
import org.dsreg.port.out.HostFacts;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.Variant;

/**
 * Host name, os-release, and Active Directory membership: realmd's D-Bus API first, then the
 * configuration of SSSD ({@code id_provider = ad}) or winbind ({@code security = ads}).
 */
final class OsReleaseHostFacts implements HostFacts {
    private static final String REALMD = "org.freedesktop.realmd";
    private static final String REALMD_PATH = "/org/freedesktop/realmd";
    private static final Pattern SSSD_DOMAIN_SECTION = Pattern.compile("^\\s*\\[domain/([^\\]]+)]\\s*$");
    private static final Pattern KEY_VALUE = Pattern.compile("^\\s*([A-Za-z_ ]+?)\\s*=\\s*(.*?)\\s*$");

    private final LinuxPaths paths;
    private final BusConnections buses;

    @Inject
    OsReleaseHostFacts(LinuxPaths paths, BusConnections buses) {
        this.paths = paths;
        this.buses = buses;
    }

    @Override
    public HostInfo host() {
        Map<String, String> os = osRelease();
        return new HostInfo(hostname(), prettyName(os),
                os.getOrDefault("ID", "linux"),
                os.getOrDefault("VERSION_ID", ""));
    }

    @Override
    public DomainMembership domainMembership() {
        Optional<DomainMembership> realmd = realmd();
        if (realmd.isPresent()) {
            return realmd.get();
        }
        try {
            Optional<String> sssd = sssdAdDomain(paths.system("/etc/sssd/sssd.conf"));
            if (sssd.isPresent()) {
                return new DomainMembership.Joined(sssd.get());
            }
            Optional<String> winbind = winbindRealm(paths.system("/etc/samba/smb.conf"));
            if (winbind.isPresent()) {
                return new DomainMembership.Joined(winbind.get());
            }
            return new DomainMembership.NotJoined();
        } catch (AccessDeniedException e) {
            return new DomainMembership.Unknown(e.getFile() + " is readable by root only");
        } catch (IOException e) {
            return new DomainMembership.Unknown(e.getMessage());
        }
    }

    /**
     * realmd's view (its D-Bus API on the system bus): joined to the first realm whose Configured
     * property is not empty. Empty when realmd is not there to ask, so that the configuration files
     * are read instead.
     */
    Optional<DomainMembership> realmd() {
        try {
            return Optional.of(buses.call(BusConnections.Bus.SYSTEM, "realmd", (c, deadline) -> {
                Object realms = realmdProperty(c, deadline, REALMD_PATH, ".Provider", "Realms");
                List<String> paths = new ArrayList<>();
                if (realms instanceof Collection<?> list) {
                    list.forEach(p -> paths.add(String.valueOf(p instanceof DBusPath d ? d.getPath() : p)));
                } else if (realms instanceof Object[] array) {
                    for (Object p : array) {
                        paths.add(p instanceof DBusPath d ? d.getPath() : String.valueOf(p));
                    }
                }
                for (String path : paths) {
                    String configured = (String) realmdProperty(c, deadline, path, ".Realm", "Configured");
                    if (configured != null && !configured.isEmpty()) {
                        return new DomainMembership.Joined((String) realmdProperty(c, deadline, path, ".Realm", "Name"));
                    }
                }
                return new DomainMembership.NotJoined();
            }));
        } catch (Exception e) {
            return Optional.empty(); // no realmd (or no system bus): the configuration files tell
        }
    }

    /** A property of one of realmd's objects ({@code Properties.Get}), its variant unwrapped. */
    private static Object realmdProperty(DBusConnection c, BusConnections.Deadline deadline, String path,
                                         String iface, String name) throws DBusException {
        return BusCalls.single(BusCalls.invoke(c, deadline, "realmd",
                BrokerInterfaces.propertiesGet(REALMD, path), REALMD + iface, name), Variant.class, "realmd").getValue();
    }

    private String hostname() {
        try {
            String name = Files.readString(paths.system("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // not Linux /proc, or a root prefix without it: ask the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * The join's OSVersion, as Microsoft's dsreg sends it: os-release's PRETTY_NAME alone. Without one (or a blank
     * one), NAME and VERSION (else VERSION_ID) as os-release(5) builds a name from them, else "Linux", the default
     * os-release(5) gives PRETTY_NAME.
     */
    static String prettyName(Map<String, String> os) {
        String pretty = os.getOrDefault("PRETTY_NAME", "").strip();
        if (!pretty.isEmpty()) {
            return pretty;
        }
        String name = os.getOrDefault("NAME", "").strip();
        String version = os.getOrDefault("VERSION", "").strip();
        if (version.isEmpty()) {
            version = os.getOrDefault("VERSION_ID", "").strip();
        }
        if (name.isEmpty()) {
            return "Linux";
        }
        return version.isEmpty() ? name : name + " " + version;
    }

    /** os-release(5): /etc/os-release, falling back to /usr/lib/os-release. */
    Map<String, String> osRelease() {
        for (String candidate : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            try {
                return parseOsRelease(Files.readAllLines(paths.system(candidate), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // try the next one
            }
        }
        return Map.of();
    }

    static Map<String, String> parseOsRelease(Iterable<String> lines) {
        Map<String, String> values = new HashMap<>();
        for (String line : lines) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = l.substring(eq + 1);
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\([\"'$`\\\\])", "$1");
            }
            values.put(l.substring(0, eq), value);
        }
        return values;
    }

    static Optional<String> sssdAdDomain(Path conf) throws IOException {
        String section = null;
        Map<String, Map<String, String>> domains = new HashMap<>();
        for (String line : readIfPresent(conf)) {
            Matcher s = SSSD_DOMAIN_SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1).strip();
                domains.put(section, new HashMap<>());
                continue;
            }
            if (line.strip().startsWith("[")) {
                section = null;
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(line);
            if (section != null && kv.matches()) {
                domains.get(section).put(kv.group(1).strip().toLowerCase(Locale.ROOT), kv.group(2));
            }
        }
        return domains.entrySet().stream()
                .filter(e -> "ad".equalsIgnoreCase(e.getValue().get("id_provider")))
                .map(e -> e.getValue().getOrDefault("ad_domain", e.getKey()))
                .sorted()
                .findFirst();
    }

    static Optional<String> winbindRealm(Path conf) throws IOException {
        Map<String, String> global = new HashMap<>();
        boolean inGlobal = false;
        for (String line : readIfPresent(conf)) {
            String l = line.strip();
            if (l.startsWith("[")) {
                inGlobal = l.equalsIgnoreCase("[global]");
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(line);
            if (inGlobal && kv.matches()) {
                global.put(kv.group(1).strip().toLowerCase(Locale.ROOT), kv.group(2));
            }
        }
        if ("ads".equalsIgnoreCase(global.get("security")) && global.containsKey("realm")) {
            return Optional.of(global.get("realm"));
        }
        return Optional.empty();
    }

    private static Iterable<String> readIfPresent(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
