package org.dsreg.testkit.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.errors.UnknownMethod;
import org.freedesktop.dbus.interfaces.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeDeviceBrokerIT {

    @Test
    void answersVersionPingAndRefusesIntrospection(@TempDir Path dir) throws Exception {
        try (PrivateBus systemBus = PrivateBus.start(dir);
             FakeDeviceBroker device = FakeDeviceBroker.start(systemBus.address(), "2.0.7");
             DBusConnection client = systemBus.connect()) {
            ClientDeviceBroker remote = client.getRemoteObject(FakeDeviceBroker.BUS_NAME,
                    FakeDeviceBroker.OBJECT_PATH, ClientDeviceBroker.class);
            String id = Wire.id();
            assertEquals("{\"linuxBrokerVersion\":\"2.0.7\"}", remote.getLinuxBrokerVersion("0.0", id, "{}"));
            assertEquals(id, device.calls().get(0).correlationId());

            client.getRemoteObject(FakeDeviceBroker.BUS_NAME, FakeDeviceBroker.OBJECT_PATH, Peer.class).Ping();

            Wire.Reply intro = Wire.call(client, FakeDeviceBroker.BUS_NAME, FakeDeviceBroker.OBJECT_PATH,
                    "org.freedesktop.DBus.Introspectable", "Introspect", null, Duration.ofSeconds(5));
            assertEquals("org.freedesktop.DBus.Error.UnknownMethod", intro.errorName());

            // methods the fake does not export: dbus-java's own error, named after its Java class
            assertThrows(UnknownMethod.class, () -> remote.getStkJwk("0.0", Wire.id(), "{}"));
            Wire.Reply raw = Wire.call(client, FakeDeviceBroker.BUS_NAME, FakeDeviceBroker.OBJECT_PATH,
                    DeviceBroker1.INTERFACE, "getStkJwk", "sss", Duration.ofSeconds(5), "0.0", Wire.id(), "{}");
            assertEquals("org.freedesktop.dbus.errors.UnknownMethod", raw.errorName());
        }
    }

    @Test
    void withoutTheVersionCallItRefusesItWithTheStandardUnknownMethodAndStillAnswersPing(@TempDir Path dir)
            throws Exception {
        try (PrivateBus systemBus = PrivateBus.start(dir);
             FakeDeviceBroker device = FakeDeviceBroker.startWithoutVersionCall(systemBus.address());
             DBusConnection client = systemBus.connect()) {
            Wire.Reply raw = Wire.call(client, FakeDeviceBroker.BUS_NAME, FakeDeviceBroker.OBJECT_PATH,
                    DeviceBroker1.INTERFACE, "getLinuxBrokerVersion", "sss", Duration.ofSeconds(5), "0.0", Wire.id(),
                    "{}");
            assertEquals("org.freedesktop.DBus.Error.UnknownMethod", raw.errorName());
            ClientDeviceBroker remote = client.getRemoteObject(FakeDeviceBroker.BUS_NAME,
                    FakeDeviceBroker.OBJECT_PATH, ClientDeviceBroker.class);
            assertThrows(UnknownMethod.class, () -> remote.getLinuxBrokerVersion("0.0", Wire.id(), "{}"));
            assertEquals(2, device.calls().size(), "refused calls are recorded too");
            assertEquals("", device.version());
            client.getRemoteObject(FakeDeviceBroker.BUS_NAME, FakeDeviceBroker.OBJECT_PATH, Peer.class).Ping();
        }
    }

    @Test
    void defaultVersion(@TempDir Path dir) throws Exception {
        try (PrivateBus systemBus = PrivateBus.start(dir);
             FakeDeviceBroker device = FakeDeviceBroker.start(systemBus.address());
             DBusConnection client = systemBus.connect()) {
            String reply = client.getRemoteObject(FakeDeviceBroker.BUS_NAME, FakeDeviceBroker.OBJECT_PATH,
                    ClientDeviceBroker.class).getLinuxBrokerVersion("0.0", Wire.id(), "{}");
            assertEquals(FakeDeviceBroker.DEFAULT_VERSION, Wire.json(reply).path("linuxBrokerVersion").asText());
            assertEquals(FakeDeviceBroker.DEFAULT_VERSION, device.version());
        }
    }
}
