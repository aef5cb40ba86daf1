package org.dsreg.adapter.linux;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import javax.inject.Inject;
import org.dsreg.port.out.BrokerException;
import org.dsreg.port.out.DeviceBroker;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/** The device broker over the system bus. Its interface is undocumented: the version call only. */
final class DBusDeviceBroker implements DeviceBroker {
    private final BusConnections buses;

    @Inject
    DBusDeviceBroker(BusConnections buses) {
        this.buses = buses;
    }

    @Override
    public String version() {
        String reply;
        try {
            reply = buses.call(BusConnections.Bus.SYSTEM, "the device broker", (c, deadline) -> {
                return BusCalls.single(BusCalls.invoke(c, deadline, "the device broker",
                        BrokerInterfaces.deviceBrokerVersion(), BrokerInterfaces.PROTOCOL_VERSION,
                        UUID.randomUUID().toString(), "{\"msalCppVersion\":\"" + DBusUserBroker.MSAL_CPP_VERSION
                                + "\"}"), String.class, "the device broker");
            });
        } catch (BrokerException e) {
            throw e;
        } catch (DBusExecutionException e) {
            throw DBusErrors.toBrokerException("the device broker", e);
        } catch (Exception e) {
            throw BrokerException.unreachable("the device broker: " + e.getMessage(), e);
        }
        try {
            JsonNode n = BrokerJson.parse(reply);
            JsonNode v = n == null ? null : n.get("linuxBrokerVersion");
            if (v != null && v.isTextual()) {
                return v.asText();
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        throw BrokerException.malformed("the device broker's version reply has no linuxBrokerVersion", null);
    }
}
