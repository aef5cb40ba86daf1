package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dsreg.testkit.Tinyproxy;
import org.dsreg.testkit.drs.DrsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real dsreg command through a real proxy on loopback (tinyproxy) to the DRS emulator: join, unregister and
 * diagnose in CONNECT tunnels, proxy credentials, a proxy that refuses, one that is not there, and no_proxy.
 */
class ProxyIT {
    static final String USER = "proxyuser";
    static final String PASSWORD = "pr0xy-s3cret";

    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    StatusFixture fx;
    DrsEmulator drs;
    EmulatorRuns runs;
    Tinyproxy proxy;

    @BeforeEach
    void start() throws Exception {
        fx = new StatusFixture(dir);
        drs = DrsEmulator.start(Files.createDirectories(dir.resolve("drs")));
        runs = new EmulatorRuns(fx, drs, dir.resolve("token"));
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        drs.close();
    }

    private int drsPort() {
        return URI.create(drs.baseUrl()).getPort();
    }

    private String drsTarget() {
        return "127.0.0.1:" + drsPort();
    }

    private Tinyproxy proxy(List<Integer> connectPorts, boolean credentials) {
        proxy = Tinyproxy.start(dir.resolve("proxy"), connectPorts,
                credentials ? Optional.of(List.of(USER, PASSWORD)) : Optional.empty());
        return proxy;
    }

    private StatusFixture.Run dsreg(String... args) {
        return runs.dsreg(args);
    }

    private StatusFixture.Run join(String... extra) {
        return runs.join(extra);
    }

    private static void assertOneLine(StatusFixture.Run r, String starts, String contains) {
        assertTrue(r.err().startsWith(starts), r.err());
        assertTrue(r.err().contains(contains), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains(PASSWORD), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void joinUnregisterAndDiagnoseGoThroughHttpsProxyInConnectTunnels() throws Exception {
        proxy(List.of(drsPort()), false);
        fx.env.put("https_proxy", proxy.url());

        var joined = join();
        assertEquals(0, joined.exitCode(), joined.err());
        assertEquals(1, drs.devices().size());
        List<String> afterJoin = proxy.connects();
        assertFalse(afterJoin.isEmpty(), proxy.log());
        assertTrue(afterJoin.stream().allMatch(drsTarget()::equals), afterJoin.toString());

        var diagnosed = dsreg("--diagnose", "--json");
        assertEquals(0, diagnosed.exitCode(), diagnosed.err());
        JsonNode diagnose = mapper.readTree(diagnosed.out());
        JsonNode proxySettings = test(diagnose, "Proxy Settings");
        assertEquals("PASS", proxySettings.get("result").asText(), proxySettings.toString());
        String detail = proxySettings.get("detail").asText();
        assertTrue(detail.startsWith("DRS discovery " + drs.baseUrl() + ": via " + proxy.url()
                + " (from https_proxy), CONNECT succeeded; join service "), detail);
        assertTrue(detail.contains("token endpoint "), detail);
        assertEquals("PASS", test(diagnose, "DeviceAuthStatus").get("result").asText(), diagnose.toString());
        List<String> afterDiagnose = proxy.connects();
        assertTrue(afterDiagnose.size() > afterJoin.size(), "diagnose went through the proxy too");

        var gone = dsreg("--unregister", "--tenant-id", drs.tenantId());
        assertEquals(0, gone.exitCode(), gone.err());
        assertTrue(drs.devices().values().iterator().next().deleted());
        assertTrue(proxy.connects().size() > afterDiagnose.size(), "the delete went through the proxy");
    }

    private static JsonNode test(JsonNode diagnose, String name) {
        for (JsonNode r : diagnose.get("diagnostics")) {
            if (r.get("test").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no " + name + " in " + diagnose);
    }

    @Test
    void tlsThroughTheTunnelIsVerifiedEndToEnd() throws Exception {
        proxy(List.of(drsPort()), false);
        fx.env.put("https_proxy", proxy.url());
        var r = runs.joinUntrusted();
        assertEquals(3, r.exitCode(), r.err());
        assertOneLine(r, "dsreg: the discovery request to 127.0.0.1 failed: the server's TLS certificate is not trusted: ",
                "certification path");
        assertTrue(r.err().contains("(through the proxy 127.0.0.1:" + proxy.port() + " (from https_proxy))"), r.err());
        assertEquals(List.of(drsTarget()), proxy.connects(), "the tunnel was opened: TLS refused the emulator in it");
        assertTrue(drs.devices().isEmpty());
        assertFalse(Files.exists(fx.state) && !registrations().isEmpty(), "no registration written: " + registrations());
    }

    private List<Path> registrations() throws java.io.IOException {
        if (!Files.exists(fx.state)) {
            return List.of();
        }
        try (var walk = Files.walk(fx.state)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")).toList();
        }
    }

    @Test
    void credentialsInTheProxyUrlAuthenticateTheConnectAndAreNeverShown() throws Exception {
        proxy(List.of(drsPort()), true);
        var joined = join("--proxy", proxy.url(USER, PASSWORD));
        assertEquals(0, joined.exitCode(), joined.err());
        assertFalse(proxy.connects().isEmpty(), proxy.log());

        fx.env.put("HTTPS_PROXY", proxy.url(USER, PASSWORD));
        var diagnose = dsreg("--diagnose");
        assertEquals(0, diagnose.exitCode(), diagnose.err());
        assertTrue(diagnose.out().contains("via http://" + USER + ":****@127.0.0.1:" + proxy.port()
                + " (from HTTPS_PROXY), CONNECT succeeded"), diagnose.out());
        assertFalse(diagnose.out().contains(PASSWORD), diagnose.out());
    }

    @Test
    void wrongCredentialsAreAClearOneLineError() throws Exception {
        proxy(List.of(drsPort()), true);
        var wrong = join("--proxy", proxy.url(USER, "not-" + PASSWORD));
        assertEquals(3, wrong.exitCode(), wrong.err());
        assertOneLine(wrong, "dsreg: the discovery request to 127.0.0.1 failed: the proxy 127.0.0.1:" + proxy.port()
                + " (from --proxy) refused the credentials in its URL (HTTP ", "(request id ");
        assertFalse(wrong.err().contains("not-"), "no part of the password: " + wrong.err());

        var none = join("--proxy", proxy.url());
        assertEquals(3, none.exitCode(), none.err());
        assertOneLine(none, "dsreg: the discovery request to 127.0.0.1 failed: the proxy 127.0.0.1:" + proxy.port()
                + " (from --proxy) asks for credentials (HTTP 407)", "http://user:password@127.0.0.1:" + proxy.port());
        assertTrue(drs.devices().isEmpty());
    }

    @Test
    void aProxyThatRefusesTheTunnelIsNamedOnOneLine() throws Exception {
        proxy(List.of(443), false); // CONNECT allowed to 443 only, not to the emulator
        fx.env.put("https_proxy", proxy.url());
        var r = join();
        assertEquals(3, r.exitCode(), r.err());
        assertOneLine(r, "dsreg: the discovery request to 127.0.0.1 failed: the proxy 127.0.0.1:" + proxy.port()
                + " (from https_proxy) refused the tunnel to " + drsTarget() + " (HTTP 403 to CONNECT)", "request id");
        assertEquals(List.of(drsTarget()), proxy.connects());
        assertTrue(drs.requests().isEmpty(), "nothing reached DRS");

        var diagnosed = dsreg("--diagnose", "--tenant-id", drs.tenantId(), "--json");
        assertEquals(0, diagnosed.exitCode(), "failed tests are shown, the exit is --status's: " + diagnosed.err());
        JsonNode p = test(mapper.readTree(diagnosed.out()), "Proxy Settings");
        assertEquals("FAIL", p.get("result").asText());
        assertTrue(p.get("detail").asText().contains("CONNECT failed: the proxy 127.0.0.1:" + proxy.port()
                + " (from https_proxy) refused the tunnel to " + drsTarget() + " (HTTP 403 to CONNECT)"), p.toString());
    }

    @Test
    void anUnregistrationThroughARefusingProxyExitsSixAndRemovesNothing() throws Exception {
        var joined = join();
        assertEquals(0, joined.exitCode(), joined.err());
        List<Path> before = registrations();
        assertFalse(before.isEmpty());
        java.util.Map<Path, String> contents = new java.util.HashMap<>();
        for (Path p : before) {
            contents.put(p, Files.readString(p));
        }

        proxy(List.of(443), false); // CONNECT allowed to 443 only, not to the emulator
        fx.env.put("https_proxy", proxy.url());
        var r = dsreg("--unregister", "--tenant-id", drs.tenantId());
        assertEquals(6, r.exitCode(), r.err());
        assertEquals(List.of("dsreg: DRS did not unregister device " + drs.devices().keySet().iterator().next()
                + ": the unregistration request to 127.0.0.1 failed: the proxy 127.0.0.1:" + proxy.port()
                + " (from https_proxy) refused the tunnel to " + drsTarget() + " (HTTP 403 to CONNECT)",
                "Hint: nothing was removed locally; try again"),
                r.err().strip().lines().map(l -> l.replaceAll(" \\(request id [^)]*\\)$", "")).toList(), r.err());
        assertEquals(List.of(drsTarget()), proxy.connects());
        assertFalse(drs.devices().values().iterator().next().deleted(), "DRS still has the device");
        assertEquals(before, registrations(), "nothing removed locally");
        for (Path p : before) {
            assertEquals(contents.get(p), Files.readString(p), p.toString());
        }
    }

    @Test
    void aProxyThatIsNotThereIsNamedOnOneLine() throws Exception {
        int port = closedPort();
        var r = join("--proxy", "http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port);
        assertEquals(3, r.exitCode(), r.err());
        assertOneLine(r, "dsreg: the discovery request to 127.0.0.1 failed: cannot connect to the proxy 127.0.0.1:"
                + port + " (from --proxy): ", "request id");
    }

    @Test
    void noProxyNamingTheHostAndNoProxyOptionGoDirect() throws Exception {
        proxy(List.of(drsPort()), false);
        fx.env.put("https_proxy", proxy.url());
        fx.env.put("no_proxy", "example.com, 127.0.0.1");
        var joined = join();
        assertEquals(0, joined.exitCode(), joined.err());

        var diagnose = dsreg("--diagnose", "--proxy", "http://127.0.0.1:" + closedPort());
        assertEquals(0, diagnose.exitCode(), diagnose.err());
        assertTrue(diagnose.out().contains("DRS discovery " + drs.baseUrl() + ": direct (no_proxy names 127.0.0.1)"),
                "no_proxy applies to --proxy as to curl -x: " + diagnose.out());

        fx.env.remove("no_proxy");
        fx.env.put("https_proxy", "http://127.0.0.1:" + closedPort());
        var gone = dsreg("--unregister", "--tenant-id", drs.tenantId(), "--no-proxy");
        assertEquals(0, gone.exitCode(), gone.err());
        assertEquals(List.of(), proxy.connects(), "no CONNECT: " + proxy.log());
    }

    @Test
    void aMalformedProxyVariableFailsOnlyWhatMakesRequests() throws Exception {
        fx.env.put("https_proxy", "socks5://" + USER + ":" + PASSWORD + "@127.0.0.1:1080");
        var status = fx.run("--status");
        assertEquals(0, status.exitCode(), status.err());
        var diagnose = dsreg("--diagnose", "--json"); // not registered, no --tenant-id: the proxy is checked all the same
        assertEquals(0, diagnose.exitCode(), diagnose.err());
        JsonNode p = test(mapper.readTree(diagnose.out()), "Proxy Settings");
        assertEquals("FAIL", p.get("result").asText(), p.toString());
        assertTrue(p.get("detail").asText().startsWith("DRS discovery " + drs.baseUrl() + ": FAILED: the proxy in"
                + " https_proxy is not usable: the socks5:// proxy scheme is not supported"), p.toString());
        assertFalse(diagnose.out().contains(PASSWORD), diagnose.out());
        var r = join();
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("dsreg: the proxy in https_proxy is not usable: the socks5:// proxy scheme is"
                + " not supported"), r.err());
        assertFalse(r.err().contains(PASSWORD), r.err());
        assertTrue(drs.requests().isEmpty());
    }

    @Test
    void aMalformedProxyOptionOrBothOptionsAreUsageErrors() {
        var bad = fx.run("--status", "--proxy", "https://127.0.0.1:3128");
        assertEquals(1, bad.exitCode(), bad.err());
        assertTrue(bad.err().startsWith("dsreg: the proxy in --proxy is not usable: the https:// proxy scheme is not"
                + " supported"), bad.err());
        var both = fx.run("--status", "--proxy", "http://127.0.0.1:3128", "--no-proxy");
        assertEquals(1, both.exitCode(), both.err());
        assertTrue(both.err().startsWith("dsreg: --proxy and --no-proxy disagree"), both.err());
    }
}
