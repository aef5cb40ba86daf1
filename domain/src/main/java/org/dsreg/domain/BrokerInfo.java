package org.dsreg.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The Broker Information section: the user broker (session bus), the device broker (system bus),
 * and their systemd units. {@code userBrokerInstalled} and {@code deviceBrokerInstalled} say
 * whether that broker is installed: its package files are there (a D-Bus activation file or a
 * systemd unit), or it answered, or it holds its bus name while starting (a broker that answers
 * is installed, whoever packaged it: himmelblau's has other files). One truth: a broker shown
 * reachable is never shown as not installed.
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
        userBrokerInstalled = userBrokerInstalled || present(userBroker);
        deviceBrokerInstalled = deviceBrokerInstalled || present(deviceBroker);
    }

    /** Whether a broker is installed on this host (the user broker, the device broker or both). */
    public boolean installed() {
        return userBrokerInstalled || deviceBrokerInstalled;
    }

    /** Whether the connection shows the broker is there: it answered, or it holds its name while starting. */
    private static boolean present(BrokerConnection c) {
        return c instanceof BrokerConnection.Reachable || c instanceof BrokerConnection.Failed
                || c instanceof BrokerConnection.Starting;
    }

    /** The broker's version: the user broker's, else the device broker's. */
    public Optional<String> version() {
        return versionOf(userBroker).or(() -> versionOf(deviceBroker));
    }

    private static Optional<String> versionOf(BrokerConnection c) {
        return c instanceof BrokerConnection.Reachable r ? r.version() : Optional.empty();
    }
}
