package org.dsreg.testkit.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** The part of systemd's {@code org.freedesktop.systemd1.Manager} that {@link FakeSystemd} exports. */
@DBusInterfaceName(SystemdManager.INTERFACE)
public interface SystemdManager extends DBusInterface {

    /** The D-Bus interface name. */
    String INTERFACE = "org.freedesktop.systemd1.Manager";

    /**
     * Loads a unit and returns its object path; unknown units are "loaded" as {@code not-found}.
     *
     * @param name unit name, e.g. {@code microsoft-identity-device-broker.service}
     * @return the unit's object path
     */
    DBusPath LoadUnit(String name);

    /**
     * Stops a unit; returns the job's object path.
     *
     * @param name unit name
     * @param mode job mode, e.g. {@code replace}
     * @return the job's object path
     */
    DBusPath StopUnit(String name, String mode);
}
