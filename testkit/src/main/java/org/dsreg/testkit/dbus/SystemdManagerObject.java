package org.dsreg.testkit.dbus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dsreg.testkit.dbus.FakeSystemd.UnitState;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;

/**
 * The manager object of {@link FakeSystemd} at {@value FakeSystemd#OBJECT_PATH}: {@code LoadUnit} (any well-formed
 * name gets a unit object, as in systemd) and {@code StopUnit} (of a loaded unit: it becomes inactive), each call
 * recorded.
 */
final class SystemdManagerObject implements SystemdManager {

    /** Exports a unit's object (once) and gives its path. */
    @FunctionalInterface
    interface UnitExporter {
        String export(String name) throws DBusException;
    }

    private final Map<String, UnitState> units;
    private final UnitExporter exporter;
    private final CopyOnWriteArrayList<String> loadUnitCalls = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<String> stopUnitCalls = new CopyOnWriteArrayList<>();

    SystemdManagerObject(Map<String, UnitState> units, UnitExporter exporter) {
        this.units = units;
        this.exporter = exporter;
    }

    List<String> loadUnitCalls() {
        return List.copyOf(loadUnitCalls);
    }

    List<String> stopUnitCalls() {
        return List.copyOf(stopUnitCalls);
    }

    @Override
    public String getObjectPath() {
        return FakeSystemd.OBJECT_PATH;
    }

    @Override
    public DBusPath StopUnit(String name, String mode) {
        stopUnitCalls.add(name);
        UnitState u = units.get(name);
        if (u == null || "not-found".equals(u.loadState())) {
            throw new org.freedesktop.systemd1.NoSuchUnit("Unit " + name + " not loaded.");
        }
        units.put(name, new UnitState(name, u.loadState(), "inactive", "dead", u.fragmentPath()));
        return new DBusPath("/org/freedesktop/systemd1/job/" + stopUnitCalls.size());
    }

    @Override
    public DBusPath LoadUnit(String name) {
        loadUnitCalls.add(name);
        if (!validUnitName(name)) {
            throw new org.freedesktop.DBus.Error.InvalidArgs("Unit name " + name + " is not valid.");
        }
        try {
            return new DBusPath(exporter.export(name));
        } catch (DBusException e) {
            throw new IllegalStateException("cannot export unit " + name, e);
        }
    }

    private static boolean validUnitName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot < name.length() - 1 && name.length() <= 255 && name.indexOf('/') < 0;
    }
}
