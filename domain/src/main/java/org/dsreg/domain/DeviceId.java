package org.dsreg.domain;

import java.util.Objects;
import java.util.UUID;

/** The GUID of a device object in a Microsoft Entra tenant (the device certificate's subject CN). */
public record DeviceId(UUID value) {
    public DeviceId {
        Objects.requireNonNull(value, "value");
    }

    public static DeviceId parse(String text) {
        return new DeviceId(Guids.parse("device id", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
