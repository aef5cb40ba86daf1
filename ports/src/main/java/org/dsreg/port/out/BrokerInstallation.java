package org.dsreg.port.out;

/** Whether the identity broker is installed, from its D-Bus activation files and systemd units on disk. */
public interface BrokerInstallation {
    boolean userBrokerInstalled();

    boolean deviceBrokerInstalled();
}
