package org.dsreg.embed;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where dsreg keeps and finds state, how it reaches the buses, how long it waits, and the clock
 * it reads. Immutable; change with the {@code with…} methods.
 *
 * @param stateDir          dsreg's state directory (registrations and software keys)
 * @param root              prefix for every system path dsreg reads, {@code /} on a running system
 * @param sessionBusAddress the D-Bus session bus (the user broker), empty when there is none
 * @param systemBusAddress  the D-Bus system bus (the device broker, systemd)
 * @param timeout           how long broker queries may take, in total for a status
 * @param networkTimeout    how long one request to DRS or the sign-in service may take
 * @param drsUrl            the DRS discovery base URL (https)
 * @param trustCa           a PEM file of CAs to trust for DRS besides the system's, only when asked for
 * @param tpmTcti           the TCTI of the TPM backend (default {@code device:/dev/tpmrm0}, the backend's own)
 * @param clock             the clock used for ages, validity and timestamps
 * @param proxy             the proxy for requests to DRS and the sign-in service
 */
public record DsregSettings(Path stateDir, Path root, Optional<String> sessionBusAddress, String systemBusAddress,
                            Duration timeout, Duration networkTimeout, URI drsUrl, Optional<Path> trustCa,
                            Optional<String> tpmTcti, Clock clock, ProxySettings proxy) {
    /** The state directory of a system installation. */
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/dsreg");
    public static final String DEFAULT_SYSTEM_BUS = "unix:path=/var/run/dbus/system_bus_socket";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofSeconds(30);
    public static final URI DEFAULT_DRS_URL = URI.create("https://enterpriseregistration.windows.net");
    /** Environment variable that overrides the state directory. */
    public static final String ENV_STATE_DIR = "DSREG_STATE_DIR";
    /** Environment variable that sets the root prefix for system paths. */
    public static final String ENV_ROOT = "DSREG_ROOT";

    public DsregSettings {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(sessionBusAddress, "sessionBusAddress");
        Objects.requireNonNull(systemBusAddress, "systemBusAddress");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(networkTimeout, "networkTimeout");
        Objects.requireNonNull(drsUrl, "drsUrl");
        Objects.requireNonNull(trustCa, "trustCa");
        Objects.requireNonNull(tpmTcti, "tpmTcti");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(proxy, "proxy");
        if (timeout.isNegative() || timeout.isZero() || networkTimeout.isNegative() || networkTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (!"https".equalsIgnoreCase(drsUrl.getScheme()) || drsUrl.getHost() == null) { // schemes: any case
            throw new org.dsreg.domain.DsregException(org.dsreg.domain.ErrorKind.INVALID_ARGUMENTS,
                    "the DRS URL must be an https URL with a host: " + drsUrl);
        }
    }

    /** The defaults of a system installation, with no session bus. */
    public static DsregSettings defaults() {
        return new DsregSettings(DEFAULT_STATE_DIR, Path.of("/"), Optional.empty(), DEFAULT_SYSTEM_BUS,
                DEFAULT_TIMEOUT, DEFAULT_NETWORK_TIMEOUT, DEFAULT_DRS_URL, Optional.empty(), Optional.empty(),
                Clock.systemUTC(), ProxySettings.none());
    }

    /**
     * The defaults, with what the environment says: {@value #ENV_STATE_DIR}, {@value #ENV_ROOT},
     * {@code DBUS_SESSION_BUS_ADDRESS} (else {@code $XDG_RUNTIME_DIR/bus} when it exists) and
     * {@code DBUS_SYSTEM_BUS_ADDRESS}, and the proxy variables ({@link ProxySettings#fromEnvironment}).
     */
    public static DsregSettings fromEnvironment(Map<String, String> env) {
        DsregSettings s = defaults();
        Optional<String> root = nonEmpty(env.get(ENV_ROOT));
        if (root.isPresent()) {
            s = s.withRoot(Path.of(root.get()));
        }
        Optional<String> state = nonEmpty(env.get(ENV_STATE_DIR));
        if (state.isPresent()) {
            s = s.withStateDir(Path.of(state.get()));
        }
        Optional<String> session = nonEmpty(env.get("DBUS_SESSION_BUS_ADDRESS"))
                .or(() -> nonEmpty(env.get("XDG_RUNTIME_DIR")).map(d -> Path.of(d, "bus"))
                        .filter(Files::exists).map(p -> "unix:path=" + p));
        String system = nonEmpty(env.get("DBUS_SYSTEM_BUS_ADDRESS")).orElse(DEFAULT_SYSTEM_BUS);
        return s.withBuses(session, system).withProxy(ProxySettings.fromEnvironment(env));
    }

    /** Whether the state directory is the system one (changing it needs root). */
    public boolean systemStateDir() {
        return stateDir.toAbsolutePath().normalize().equals(DEFAULT_STATE_DIR);
    }

    public DsregSettings withStateDir(Path dir) {
        return new DsregSettings(dir, root, sessionBusAddress, systemBusAddress, timeout, networkTimeout, drsUrl,
                trustCa, tpmTcti, clock, proxy);
    }

    /**
     * Sets the root prefix. A state directory still at its default moves under the new root too,
     * so that a whole tree (system state included) can be inspected.
     */
    public DsregSettings withRoot(Path newRoot) {
        Path state = systemStateDir() ? newRoot.resolve(DEFAULT_STATE_DIR.toString().substring(1)) : stateDir;
        return new DsregSettings(state, newRoot, sessionBusAddress, systemBusAddress, timeout, networkTimeout, drsUrl,
                trustCa, tpmTcti, clock, proxy);
    }

    public DsregSettings withBuses(Optional<String> session, String system) {
        return new DsregSettings(stateDir, root, session, system, timeout, networkTimeout, drsUrl, trustCa, tpmTcti,
                clock, proxy);
    }

    /** Sets the broker deadline. */
    public DsregSettings withTimeout(Duration newTimeout) {
        return new DsregSettings(stateDir, root, sessionBusAddress, systemBusAddress, newTimeout, networkTimeout,
                drsUrl, trustCa, tpmTcti, clock, proxy);
    }

    /** Sets the timeout of one network request. */
    public DsregSettings withNetworkTimeout(Duration newTimeout) {
        return new DsregSettings(stateDir, root, sessionBusAddress, systemBusAddress, timeout, newTimeout, drsUrl,
                trustCa, tpmTcti, clock, proxy);
    }

    /** Sets the DRS discovery base URL and, optionally, a CA file to trust besides the system's. */
    public DsregSettings withDrs(URI url, Optional<Path> extraCa) {
        return new DsregSettings(stateDir, root, sessionBusAddress, systemBusAddress, timeout, networkTimeout, url,
                extraCa, tpmTcti, clock, proxy);
    }

    /** Sets the TCTI the TPM backend uses ({@code --tpm-tcti}). */
    public DsregSettings withTpmTcti(String tcti) {
        return new DsregSettings(stateDir, root, sessionBusAddress, systemBusAddress, timeout, networkTimeout, drsUrl,
                trustCa, Optional.of(tcti), clock, proxy);
    }

    /** Sets the proxy of requests to DRS and the sign-in service. */
    public DsregSettings withProxy(ProxySettings newProxy) {
        return new DsregSettings(stateDir, root, sessionBusAddress, systemBusAddress, timeout, networkTimeout, drsUrl,
                trustCa, tpmTcti, clock, newProxy);
    }

    public DsregSettings withClock(Clock newClock) {
        return new DsregSettings(stateDir, root, sessionBusAddress, systemBusAddress, timeout, networkTimeout, drsUrl,
                trustCa, tpmTcti, newClock, proxy);
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
