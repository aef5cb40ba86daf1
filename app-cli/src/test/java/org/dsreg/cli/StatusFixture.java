package org.dsreg.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Thumbprint;
import org.dsreg.testkit.TestCertificates;

/** A private root and state directory, and the real CLI run against them in-process. */
final class StatusFixture {
    static final TestCertificates CA = TestCertificates.newAuthority("MS-Organization-Access");

    final Path root;
    final Path state;
    final Map<String, String> env = new HashMap<>();

    StatusFixture(Path dir) {
        this.root = dir.resolve("root");
        this.state = dir.resolve("state");
        env.put("DSREG_ROOT", root.toString());
        env.put("DSREG_STATE_DIR", state.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        // never the host's buses (its systemd, its brokers): no session bus, and a system bus that is not there
        env.put("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + noSystemBus());
    }

    /** The socket the fixture names as the system bus; it does not exist. */
    Path noSystemBus() {
        return root.resolveSibling("no-system-bus");
    }

    record Run(int exitCode, String out, String err) {
    }

    Run run(String... args) {
        return run(false, args);
    }

    Run run(boolean terminal, String... args) {
        return runWithInput("", terminal, args);
    }

    /** Runs with {@code input} as standard input (what a user types). */
    Run runWithInput(String input, boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, env, terminal, new java.io.BufferedReader(new java.io.StringReader(input)),
                new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** What a test joined: the facts status must show. */
    record Joined(TenantId tenant, DeviceId device, Thumbprint thumbprint, CertificateInfo certificate) {
    }

    /** Registers the device with a tenant the way a join would: key in software storage, certificate, state. */
    Joined join(UUID tenant, Instant notBefore, Instant notAfter) {
        return join(tenant, notBefore, notAfter, JoinType.JOINED);
    }

    /** As {@link #join(UUID, Instant, Instant)}, with the join type given (a registration may sit beside a join). */
    Joined join(UUID tenant, Instant notBefore, Instant notAfter, JoinType type) {
        return join(tenant, notBefore, notAfter, type, DeviceMode.EXCLUSIVE);
    }

    /** As {@link #join(UUID, Instant, Instant, JoinType)}, with the device mode given. */
    Joined join(UUID tenant, Instant notBefore, Instant notAfter, JoinType type, DeviceMode mode) {
        String alias = "device-" + tenant;
        PublicKey key = StateWriter.softwareKeys(state).generate(alias);
        UUID device = UUID.randomUUID();
        X509Certificate cert = CA.deviceCertificate(key, device, tenant, "0", notBefore, notAfter);
        CertificateInfo info;
        try {
            info = new CertificateInfo(cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                    cert.getSerialNumber().toString(16).toUpperCase(), cert.getNotBefore().toInstant(),
                    cert.getNotAfter().toInstant(), Thumbprint.ofDer(cert.getEncoded()), key.getEncoded(),
                    cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
        TenantId t = new TenantId(tenant);
        Registration r = new Registration(t, new DeviceId(device), type, Optional.of(mode), info, new KeyRef("software", alias),
                Optional.empty(), TenantDetails.onlyId(t), Optional.of(notBefore), RegistrationSource.DSREG);
        StateWriter.at(root, state).registrations().save(r);
        return new Joined(t, r.deviceId(), info.thumbprint(), info);
    }

    static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }
}
