package org.dsreg.testkit.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FakeSystemdTest {

    @Test
    void escapesLikeSystemd() {
        assertEquals("microsoft_2didentity_2ddevice_2dbroker_2eservice",
                FakeSystemd.escapeUnitName("microsoft-identity-device-broker.service"));
        assertEquals("microsoft_2didentity_2dbroker_2eservice",
                FakeSystemd.escapeUnitName("microsoft-identity-broker.service"));
        assertEquals("dbus_2eservice", FakeSystemd.escapeUnitName("dbus.service"));
        assertEquals("_", FakeSystemd.escapeUnitName(""));
        assertEquals("_31a2", FakeSystemd.escapeUnitName("1a2"), "a leading digit is escaped");
        assertEquals("a_5fb", FakeSystemd.escapeUnitName("a_b"), "underscore itself is escaped");
        assertEquals("getty_40tty1_2eservice", FakeSystemd.escapeUnitName("getty@tty1.service"));
        assertEquals("_c3_a9", FakeSystemd.escapeUnitName("\u00e9"), "UTF-8 bytes, lower-case hex");
        assertEquals("/org/freedesktop/systemd1/unit/dbus_2eservice", FakeSystemd.unitPath("dbus.service"));
    }
}
