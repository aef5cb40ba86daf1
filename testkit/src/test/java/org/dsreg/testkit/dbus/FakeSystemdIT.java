package org.dsreg.testkit.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.errors.UnknownInterface;
import org.freedesktop.dbus.errors.UnknownProperty;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeSystemdIT {

    private static final String DEVICE_BROKER = "microsoft-identity-device-broker.service";
    private static final String UNIT = FakeSystemd.UNIT_INTERFACE;

    @TempDir
    static Path dir;
    private static PrivateBus bus;

    @BeforeAll
    static void startBus() {
        bus = PrivateBus.start(dir);
    }

    @AfterAll
    static void stopBus() {
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void loadUnitAndProperties() throws Exception {
        try (FakeSystemd systemd = FakeSystemd.builder()
                .unit(DEVICE_BROKER, "loaded", "active", "running",
                        "/usr/lib/systemd/system/microsoft-identity-device-broker.service")
                .start(bus.address());
             DBusConnection client = bus.connect()) {
            ClientSystemdManager manager = client.getRemoteObject(FakeSystemd.BUS_NAME, FakeSystemd.OBJECT_PATH,
                    ClientSystemdManager.class);
            DBusPath path = manager.LoadUnit(DEVICE_BROKER);
            assertEquals("/org/freedesktop/systemd1/unit/microsoft_2didentity_2ddevice_2dbroker_2eservice",
                    path.getPath());

            Properties props = client.getRemoteObject(FakeSystemd.BUS_NAME, path.getPath(), Properties.class);
            assertEquals(DEVICE_BROKER, props.<String>Get(UNIT, "Id"));
            assertEquals("loaded", props.<String>Get(UNIT, "LoadState"));
            assertEquals("active", props.<String>Get(UNIT, "ActiveState"));
            assertEquals("running", props.<String>Get(UNIT, "SubState"));
            assertEquals("/usr/lib/systemd/system/microsoft-identity-device-broker.service",
                    props.<String>Get(UNIT, "FragmentPath"));

            Map<String, Variant<?>> all = props.GetAll(UNIT);
            assertEquals("active", all.get("ActiveState").getValue());
            assertEquals(5, all.size());

            assertThrows(UnknownProperty.class, () -> props.Get(UNIT, "NoSuchProperty"));
            assertThrows(UnknownInterface.class, () -> props.GetAll("org.freedesktop.systemd1.Nope"));
            assertEquals(List.of(DEVICE_BROKER), systemd.loadUnitCalls());

            // states can change mid-test
            systemd.putUnit(new FakeSystemd.UnitState(DEVICE_BROKER, "loaded", "failed", "failed",
                    "/usr/lib/systemd/system/microsoft-identity-device-broker.service"));
            assertEquals("failed", props.<String>Get(UNIT, "ActiveState"));
        }
    }

    @Test
    void unknownUnitIsNotFoundButStillHasAPath() throws Exception {
        try (FakeSystemd systemd = FakeSystemd.builder().start(bus.address());
             DBusConnection client = bus.connect()) {
            ClientSystemdManager manager = client.getRemoteObject(FakeSystemd.BUS_NAME, FakeSystemd.OBJECT_PATH,
                    ClientSystemdManager.class);
            DBusPath path = manager.LoadUnit("microsoft-identity-broker.service");
            assertEquals(FakeSystemd.unitPath("microsoft-identity-broker.service"), path.getPath());
            Properties props = client.getRemoteObject(FakeSystemd.BUS_NAME, path.getPath(), Properties.class);
            assertEquals("not-found", props.<String>Get(UNIT, "LoadState"));
            assertEquals("inactive", props.<String>Get(UNIT, "ActiveState"));
            assertEquals("dead", props.<String>Get(UNIT, "SubState"));
            assertEquals("", props.<String>Get(UNIT, "FragmentPath"));
            assertEquals("microsoft-identity-broker.service", props.<String>Get(UNIT, "Id"));

            // the same path again, no error for a second load
            assertEquals(path.getPath(), manager.LoadUnit("microsoft-identity-broker.service").getPath());

            Wire.Reply invalid = Wire.call(client, FakeSystemd.BUS_NAME, FakeSystemd.OBJECT_PATH,
                    "org.freedesktop.systemd1.Manager", "LoadUnit", "s", Duration.ofSeconds(5), "no-suffix");
            assertEquals("org.freedesktop.DBus.Error.InvalidArgs", invalid.errorName());
            assertTrue(systemd.unit("x.service").loadState().equals("not-found"));
        }
    }
}
