package org.dsreg.domain;

/**
 * Whether a joined device is used by one person or shared by several (the Broker Information row
 * "Device mode (Exclusive/Shared)" of Microsoft's Linux dsreg; MS-DRS's join attribute SharedDevice).
 * A shared device is an Entra join: a registration (workplace join) belongs to one user.
 */
public enum DeviceMode {
    /** One user's device, the default: DRS was not asked for a shared device. */
    EXCLUSIVE("Exclusive"),
    /** A device several users sign in to: the join asked DRS for a shared device. */
    SHARED("Shared");

    private final String label;

    DeviceMode(String label) {
        this.label = label;
    }

    /** As Microsoft's dsreg shows it: {@code Exclusive} or {@code Shared}. */
    public String label() {
        return label;
    }

    /** Whether a device of this mode may attach to its tenant this way: a shared device is joined. */
    public boolean allows(JoinType joinType) {
        return this == EXCLUSIVE || joinType == JoinType.JOINED;
    }
}
