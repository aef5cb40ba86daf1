package org.dsreg.testkit.dbus;

import org.freedesktop.dbus.interfaces.Introspectable;
import org.freedesktop.dbus.interfaces.Peer;

/**
 * Base of exported objects on a connection whose global introspection handler was removed
 * ({@link BusSupport#removeGlobalIntrospection}): answers {@code org.freedesktop.DBus.Peer} and refuses
 * {@code org.freedesktop.DBus.Introspectable} with {@code org.freedesktop.DBus.Error.UnknownMethod}, as a broker
 * newer than 2.0.1 does. (dbus-java only accepts exported classes whose directly implemented interfaces are
 * public, hence an abstract class rather than a package-private mix-in interface.)
 */
abstract class PeerObject implements Peer, Introspectable {

    private final String path;
    private final String machineId;

    PeerObject(String path, String machineId) {
        this.path = path;
        this.machineId = machineId;
    }

    @Override
    public final String getObjectPath() {
        return path;
    }

    @Override
    public final boolean isRemote() {
        return false;
    }

    @Override
    public void Ping() {
        // answered with an empty reply
    }

    @Override
    public String GetMachineId() {
        return machineId;
    }

    @Override
    public String Introspect() {
        throw new org.freedesktop.DBus.Error.UnknownMethod("No such interface 'org.freedesktop.DBus.Introspectable'"
                + " on object at path " + path);
    }
}
