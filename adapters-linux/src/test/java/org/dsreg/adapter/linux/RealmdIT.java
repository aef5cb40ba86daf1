package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DomainMembership;
import org.dsreg.testkit.dbus.FakeRealmd;
import org.dsreg.testkit.dbus.PrivateBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Active Directory membership through realmd's D-Bus API on a private system bus. */
class RealmdIT {
    @TempDir
    Path root;
    PrivateBus system;
    BusConnections buses;

    @BeforeEach
    void bus() throws Exception {
        system = PrivateBus.start(Files.createDirectories(root.resolve("bus")));
        buses = new BusConnections(new DBusSettings(Optional.empty(), system.address(), Duration.ofSeconds(3)));
    }

    @AfterEach
    void stop() {
        buses.close();
        system.close();
    }

    private OsReleaseHostFacts facts() {
        return new OsReleaseHostFacts(new LinuxPaths(root, root.resolve("var/lib/dsreg")), buses);
    }

    @Test
    void aConfiguredRealmIsTheDomain() throws Exception {
        try (FakeRealmd realmd = FakeRealmd.start(system.address(), List.of(
                new FakeRealmd.Realm("lab.example", ""), new FakeRealmd.Realm("CORP.EXAMPLE.COM", "kerberos-member")))) {
            assertEquals(new DomainMembership.Joined("CORP.EXAMPLE.COM"), facts().domainMembership());
        }
    }

    @Test
    void realmdWinsOverStaleConfigurationFiles() throws Exception {
        Files.createDirectories(root.resolve("etc/samba"));
        Files.writeString(root.resolve("etc/samba/smb.conf"), "[global]\nsecurity = ads\nrealm = OLD.EXAMPLE\n");
        try (FakeRealmd realmd = FakeRealmd.start(system.address(), List.of(new FakeRealmd.Realm("lab.example", "")))) {
            assertEquals(new DomainMembership.NotJoined(), facts().domainMembership());
        }
    }

    @Test
    void withoutRealmdTheConfigurationFilesTell() throws Exception {
        Files.createDirectories(root.resolve("etc/samba"));
        Files.writeString(root.resolve("etc/samba/smb.conf"), "[global]\nsecurity = ads\nrealm = CORP.EXAMPLE\n");
        assertEquals(new DomainMembership.Joined("CORP.EXAMPLE"), facts().domainMembership());
    }
}
