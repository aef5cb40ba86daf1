package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.dsreg.domain.ServiceUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What dsreg learns of the broker from files alone: installation, unit binary, its timestamp. */
class BrokerFilesTest {
    @TempDir
    Path root;

    private LinuxPaths paths() {
        return new LinuxPaths(root, root.resolve("state"));
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void installationIsAnActivationFileOrAUnitFile() throws Exception {
        var install = new FileBrokerInstallation(paths());
        assertFalse(install.userBrokerInstalled());
        assertFalse(install.deviceBrokerInstalled());
        write(root.resolve("usr/share/dbus-1/services/com.microsoft.identity.broker1.service"), "[D-BUS Service]\n");
        write(root.resolve("lib/systemd/system/microsoft-identity-device-broker.service"), "[Service]\n");
        assertTrue(install.userBrokerInstalled());
        assertTrue(install.deviceBrokerInstalled());
    }

    @Test
    void execStartIgnoresSystemdPrefixesAndArguments() throws Exception {
        Path unit = write(root.resolve("u.service"),
                "[Service]\nType=dbus\nExecStart=-/usr/bin/microsoft-identity-device-broker --flag x\n");
        assertEquals(Optional.of("/usr/bin/microsoft-identity-device-broker"), SystemdServiceManager.execStart(unit));
        Path relative = write(root.resolve("r.service"), "[Service]\nExecStart=broker\n");
        assertEquals(Optional.empty(), SystemdServiceManager.execStart(relative));
    }

    @Test
    void withoutSystemdTheUnitFileOnDiskGivesBinaryAndTimestamp() throws Exception {
        write(root.resolve("usr/lib/systemd/system/microsoft-identity-device-broker.service"),
                "[Service]\nExecStart=/usr/bin/microsoft-identity-device-broker\n");
        Path binary = write(root.resolve("usr/bin/microsoft-identity-device-broker"), "#!/bin/true\n");
        Instant installed = Instant.parse("2025-12-19T14:30:22Z");
        Files.setLastModifiedTime(binary, FileTime.from(installed));
        // a system bus whose socket does not exist: systemd cannot be asked, quickly
        DBusSettings noBus = new DBusSettings(Optional.empty(), "unix:path=" + root.resolve("no-bus"),
                Duration.ofSeconds(5));
        try (BusConnections buses = new BusConnections(noBus)) {
            long start = System.nanoTime();
            ServiceUnit unit = new SystemdServiceManager(buses, paths())
                    .unit("microsoft-identity-device-broker.service", ServiceUnit.Scope.SYSTEM);
            assertTrue((System.nanoTime() - start) / 1_000_000 < 4000, "a missing bus socket fails fast");
            assertEquals(Optional.of("/usr/bin/microsoft-identity-device-broker"), unit.binaryPath());
            assertEquals(Optional.of(installed), unit.binaryTimestamp());
            assertEquals(Optional.empty(), unit.loadState());
            assertTrue(unit.unknownReason().orElseThrow().contains("does not exist"), unit.unknownReason().toString());
        }
    }

    @Test
    void socketPathOfABusAddress() {
        assertEquals(Optional.of(Path.of("/run/user/1000/bus")),
                BusConnections.socketPath("unix:path=/run/user/1000/bus,guid=abc"));
        assertEquals(Optional.of(Path.of("/a")), BusConnections.socketPath("unix:path=/a;tcp:host=x"));
        assertEquals(Optional.empty(), BusConnections.socketPath("unix:abstract=/tmp/dbus-x"));
        assertEquals(Optional.empty(), BusConnections.socketPath("tcp:host=127.0.0.1,port=1"));
    }
}
