package org.dsreg.adapter.linux;

import dagger.Module;
import dagger.Provides;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Linux adapters, as the one public door into their package: where they look and how they reach the buses,
 * given here, and the ports they implement ({@link LinuxBindings}). Everything else in the package is
 * package-private; a component includes this module and passes an instance.
 */
@Module(includes = LinuxBindings.class)
public final class LinuxAdapterModule {
    private final LinuxPaths paths;
    private final DBusSettings dbus;

    /**
     * @param root              prefix of every system path, {@code /} on a running system
     * @param stateDir          dsreg's state directory, already resolved
     * @param sessionBusAddress the D-Bus session bus, empty when there is none
     * @param systemBusAddress  the D-Bus system bus
     * @param callTimeout       how long one D-Bus call may take
     */
    public LinuxAdapterModule(Path root, Path stateDir, Optional<String> sessionBusAddress, String systemBusAddress,
                              Duration callTimeout) {
        this.paths = new LinuxPaths(root, stateDir);
        this.dbus = new DBusSettings(sessionBusAddress, systemBusAddress, callTimeout);
    }

    @Provides
    LinuxPaths paths() {
        return paths;
    }

    @Provides
    DBusSettings dbusSettings() {
        return dbus;
    }
}
