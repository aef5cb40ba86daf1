package org.dsreg.testkit.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** systemd's manager as a client declares it locally. */
@DBusInterfaceName("org.freedesktop.systemd1.Manager")
public interface ClientSystemdManager extends DBusInterface {

    @SuppressWarnings("checkstyle:methodname")
    DBusPath LoadUnit(String name);
}
