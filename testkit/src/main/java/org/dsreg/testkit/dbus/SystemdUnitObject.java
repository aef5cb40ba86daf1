package org.dsreg.testkit.dbus;

import java.util.Map;
import java.util.function.Function;

import org.dsreg.testkit.dbus.FakeSystemd.UnitState;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * One unit's object in {@link FakeSystemd}: {@code org.freedesktop.DBus.Properties} answering the
 * {@value FakeSystemd#UNIT_INTERFACE} properties of the unit's current state (read-only).
 */
final class SystemdUnitObject implements Properties {
    private final String path;
    private final String name;
    private final Function<String, UnitState> units;

    SystemdUnitObject(String path, String name, Function<String, UnitState> units) {
        this.path = path;
        this.name = name;
        this.units = units;
    }

    @Override
    public String getObjectPath() {
        return path;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        Variant<?> value = GetAll(interfaceName).get(propertyName);
        if (value == null) {
            throw new org.freedesktop.DBus.Error.UnknownProperty("Unknown property " + interfaceName + "."
                    + propertyName);
        }
        return (A) value.getValue();
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw new org.freedesktop.DBus.Error.PropertyReadOnly("Property " + propertyName + " is read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        if (!interfaceName.isEmpty() && !FakeSystemd.UNIT_INTERFACE.equals(interfaceName)) {
            throw new org.freedesktop.DBus.Error.UnknownInterface("Unknown interface " + interfaceName);
        }
        return units.apply(name).properties();
    }
}
