package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsreg.domain.DomainMembership;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsReleaseHostFactsTest {
    @TempDir
    Path root;

    private OsReleaseHostFacts facts() {
        // no system bus: realmd cannot be asked, the configuration files tell
        return new OsReleaseHostFacts(new LinuxPaths(root, root.resolve("var/lib/dsreg")), new BusConnections(
                new DBusSettings(java.util.Optional.empty(), "unix:path=" + root.resolve("no-bus"),
                        java.time.Duration.ofSeconds(2))));
    }

    @Test
    void parsesOsReleaseQuotingAsSpecified() {
        var values = OsReleaseHostFacts.parseOsRelease(List.of(
                "# comment", "NAME=\"Debian GNU/Linux\"", "ID=debian", "VERSION_ID='12'",
                "PRETTY_NAME=\"Debian \\\"bookworm\\\"\"", "", "broken line"));
        assertEquals("Debian GNU/Linux", values.get("NAME"));
        assertEquals("debian", values.get("ID"));
        assertEquals("12", values.get("VERSION_ID"));
        assertEquals("Debian \"bookworm\"", values.get("PRETTY_NAME"));
    }

    @Test
    void readsEtcOsReleaseUnderTheRoot() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "PRETTY_NAME=\"Test OS 1\"\nID=testos\nVERSION_ID=1\n");
        var host = facts().host();
        assertEquals("Test OS 1", host.osPrettyName());
        assertEquals("testos", host.osId());
    }

    @Test
    void theOsVersionIsPrettyNameAloneWithASaneFallback() {
        assertEquals("Debian GNU/Linux 12 (bookworm)", OsReleaseHostFacts.prettyName(Map.of(
                "PRETTY_NAME", "Debian GNU/Linux 12 (bookworm)", "NAME", "Debian GNU/Linux", "VERSION_ID", "12")));
        assertEquals("Fedora Linux 40 (Workstation Edition)", OsReleaseHostFacts.prettyName(Map.of(
                "PRETTY_NAME", " ", "NAME", "Fedora Linux", "VERSION", "40 (Workstation Edition)", "VERSION_ID", "40")));
        assertEquals("Alpine Linux 3.20.1", OsReleaseHostFacts.prettyName(Map.of(
                "NAME", "Alpine Linux", "VERSION_ID", "3.20.1")));
        assertEquals("Gentoo", OsReleaseHostFacts.prettyName(Map.of("NAME", "Gentoo")));
        assertEquals("Linux", OsReleaseHostFacts.prettyName(Map.of()), "os-release(5)'s default");
    }

    @Test
    void withoutOsReleaseTheOsVersionIsLinux() {
        assertEquals("Linux", facts().host().osPrettyName());
    }

    @Test
    void domainMembershipFromSssdOrWinbind() throws Exception {
        assertEquals(new DomainMembership.NotJoined(), facts().domainMembership());

        Files.createDirectories(root.resolve("etc/samba"));
        Files.writeString(root.resolve("etc/samba/smb.conf"),
                "[global]\n  security = ADS\n  realm = CORP.EXAMPLE.COM\n[homes]\n  realm = nope\n");
        assertEquals(new DomainMembership.Joined("CORP.EXAMPLE.COM"), facts().domainMembership());

        Files.createDirectories(root.resolve("etc/sssd"));
        Files.writeString(root.resolve("etc/sssd/sssd.conf"),
                "[sssd]\ndomains = corp.example.com\n[domain/corp.example.com]\nid_provider = ad\n");
        assertEquals(new DomainMembership.Joined("corp.example.com"), facts().domainMembership());
    }

    @Test
    void sssdWithoutAdIsNotADomainJoin() throws Exception {
        Path conf = root.resolve("sssd.conf");
        Files.writeString(conf, "[domain/ldap.example]\nid_provider = ldap\n");
        assertEquals(Optional.empty(), OsReleaseHostFacts.sssdAdDomain(conf));
    }
}
