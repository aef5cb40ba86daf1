package org.dsreg.port.out;

/** Who dsreg runs as. */
public interface Privileges {
    boolean isRoot();
}
