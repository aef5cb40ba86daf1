package org.dsreg.domain;

import java.util.Objects;

/**
 * A replacement of one of dsreg's registrations that did not finish (a repair or a rekey interrupted after DRS made
 * the new device): the next run that takes the state lock to change state settles it, forward or back, by what DRS
 * says of the two devices.
 *
 * @param kind           a repair (the previous identity no longer works) or a rekey (a move to another key storage)
 * @param previousDevice the device of the registration that was in use when it began
 * @param newDevice      the device DRS made for the new identity
 * @param newDeviceKey   the new identity's device key (its storage is the rekey's target)
 */
public record PendingReplacement(Kind kind, DeviceId previousDevice, DeviceId newDevice, KeyRef newDeviceKey) {
    /** Why the identity is replaced. */
    public enum Kind { REPAIR, REKEY }

    public PendingReplacement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(previousDevice, "previousDevice");
        Objects.requireNonNull(newDevice, "newDevice");
        Objects.requireNonNull(newDeviceKey, "newDeviceKey");
    }
}
