package org.dsreg.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The Broker Information section: the user broker (session bus), the device broker (system bus),
 * and their systemd units. {@code userBrokerInstalled} and {@code deviceBrokerInstalled} say
 * whether the broker's package files are there (a D-Bus activation file or a systemd unit).
 */
public record BrokerInfo(boolean userBrokerInstalled, boolean deviceBrokerInstalled,
                         BrokerConnection userBroker, BrokerConnection deviceBroker,
                         ServiceUnit deviceService, ServiceUnit userService,
                         Optional<String> deviceMode) {
    public BrokerInfo {
        Objects.requireNonNull(userBroker, "userBroker");
        Objects.requireNonNull(deviceBroker, "deviceBroker");
        Objects.requireNonNull(deviceService, "deviceService");
        Objects.requireNonNull(userService, "userService");
        Objects.requireNonNull(deviceMode, "deviceMode");
    }

    /**
     * Whether a broker is installed on this host: its package files are there, or it answered (a
     * broker that answers is installed, whoever packaged it: himmelblau's has other files).
     */
    public boolean installed() {
        return userBrokerInstalled || deviceBrokerInstalled || answered(userBroker) || answered(deviceBroker);
    }

    private static boolean answered(BrokerConnection c) {
        return c instanceof BrokerConnection.Reachable || c instanceof BrokerConnection.Failed;
    }

    /** The broker's version: the user broker's, else the device broker's. */
    public Optional<String> version() {
        return versionOf(userBroker).or(() -> versionOf(deviceBroker));
    }

    private static Optional<String> versionOf(BrokerConnection c) {
        return c instanceof BrokerConnection.Reachable r ? r.version() : Optional.empty();
    }
}
