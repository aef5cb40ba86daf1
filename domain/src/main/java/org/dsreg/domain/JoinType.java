package org.dsreg.domain;

/** How a registration attaches the device to its tenant. */
public enum JoinType {
    /** Microsoft Entra joined (DRS join type 0): the device belongs to the organisation. */
    JOINED,
    /** Microsoft Entra registered, "workplace joined" (DRS join type 4). */
    REGISTERED,
    /** The join type was not recorded (for example a registration made by another client). */
    UNKNOWN
}
