package org.dsreg.testkit.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrsEmulatorMainIT {

    /** The main running in a thread: its stdin, what it printed, its exit code to come. */
    private record Running(PipedOutputStream stdin, ByteArrayOutputStream out, ByteArrayOutputStream err,
                           CompletableFuture<Integer> exit) {
        /** The two first lines of stdout, waited for. */
        List<String> twoLines() throws InterruptedException {
            List<String> lines = lines(2);
            assertEquals(2, lines.size(), out + " / " + err);
            return lines;
        }

        /** The lines of stdout once there are {@code n} (or 20 s passed). */
        List<String> lines(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (out.toString(StandardCharsets.UTF_8).lines().count() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return out.toString(StandardCharsets.UTF_8).lines().toList();
        }

        /** Writes an operator's command on stdin; its answer, the next line of stdout. */
        String command(String line) throws Exception {
            int before = lines(0).size();
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            List<String> lines = lines(before + 1);
            assertEquals(before + 1, lines.size(), "one answer to " + line + ": " + out + " / " + err);
            return lines.get(before);
        }
    }

    private static Running start(String... args) throws java.io.IOException {
        return start(emulator -> { }, args);
    }

    private static Running start(java.util.function.Consumer<DrsEmulator> started, String... args)
            throws java.io.IOException {
        PipedOutputStream stdinWriter = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(stdinWriter);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> DrsEmulatorMain.run(args, stdin,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                started));
        return new Running(stdinWriter, out, err, exit);
    }

    @Test
    void printsReadyAndTokenServesAndStopsWhenStdinCloses(@TempDir Path dir) throws Exception {
        Running main = start("--dir", dir.toString(), "--token", "bob@contoso.example");
        List<String> lines = main.twoLines();
        String[] ready = lines.get(0).split(" ");
        assertEquals(4, ready.length, lines.get(0));
        assertEquals("ready", ready[0]);
        assertTrue(ready[1].matches("https://127\\.0\\.0\\.1:\\d+"), ready[1]);
        assertTrue(Files.isRegularFile(Path.of(ready[2])));
        java.util.UUID.fromString(ready[3]);
        assertTrue(lines.get(1).startsWith("token ey"), lines.get(1));
        JsonNode claims = DrsTestSupport.claims(lines.get(1).substring(6));
        assertEquals("bob@contoso.example", claims.path("upn").asText());
        assertEquals(ready[3], claims.path("tid").asText());

        HttpClient http = HttpClient.newBuilder().sslContext(DrsTestSupport.tls(
                DrsTestSupport.readPem(Path.of(ready[2])), null, null)).build();
        assertEquals(200, DrsTestSupport.get(http, ready[1] + "/" + ready[3] + "/Discover?api-version=1.9")
                .statusCode());

        main.stdin().close();
        assertEquals(0, main.exit().get(10, TimeUnit.SECONDS));
        assertEquals("", main.err().toString(StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsExitWithUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DrsEmulatorMain.run(new String[] {"--port", "1"}, java.io.InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(2, DrsEmulatorMain.run(new String[] {"--dir"}, java.io.InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    /** As a real process: stdout holds exactly the two lines, SIGTERM stops it promptly. */
    @Test
    void asAProcessStopsOnSigterm(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(java, "-cp", classpath, DrsEmulatorMain.class.getName(), "--dir",
                dir.toString(), "--token", "carol@contoso.example", "--ignore-stdin")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = stdout.readLine();
            String token = stdout.readLine();
            assertTrue(ready != null && ready.startsWith("ready https://127.0.0.1:"), ready + " "
                    + Files.readString(dir.resolve("stderr.txt")));
            assertTrue(token != null && token.startsWith("token "), token);
            String[] r = ready.split(" ");
            HttpClient http = HttpClient.newBuilder().sslContext(DrsTestSupport.tls(
                    DrsTestSupport.readPem(Path.of(r[2])), null, null)).build();
            assertEquals(200, DrsTestSupport.get(http, r[1] + "/" + r[3] + "/Discover?api-version=1.9").statusCode());

            // SIGTERM (Process.destroy would also close our end of its stdout)
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "still running 10 s after SIGTERM");
            List<String> rest = new ArrayList<>();
            for (String line; (line = stdout.readLine()) != null; ) {
                rest.add(line);
            }
            assertEquals(List.of(), rest, "nothing else on stdout");
        } finally {
            p.destroyForcibly();
        }
    }

    /** --refresh-token prints a refresh token for the broker client; --fail-prt refuses every PRT request. */
    @Test
    void printsRefreshTokensAndFailsPrtRequests(@TempDir Path dir) throws Exception {
        Running main = start("--dir", dir.toString(), "--refresh-token", "dave@contoso.example", "--fail-prt",
                "invalid_grant:135011:Device used during the authentication is disabled.");
        List<String> lines = main.twoLines();
        assertTrue(lines.get(1).matches("refresh-token [A-Za-z0-9_-]{64}"), lines.get(1));
        String[] ready = lines.get(0).split(" ");
        HttpClient http = HttpClient.newBuilder().sslContext(DrsTestSupport.tls(
                DrsTestSupport.readPem(Path.of(ready[2])), null, null)).build();
        var r = DrsTestSupport.postForm(http, ready[1] + "/" + ready[3] + "/oauth2/token", DrsTestSupport.form(
                "grant_type", PrtTestClient.JWT_BEARER, "request", "e30.e30.sig"));
        PrtTestClient.assertAadError(r, "invalid_grant", 135011);
        main.stdin().close();
        assertEquals(0, main.exit().get(10, TimeUnit.SECONDS));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, DrsEmulatorMain.run(new String[] {"--dir", dir.toString(), "--fail-prt", "invalid_grant:x:y"},
                java.io.InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--fail-prt needs ERROR:AADSTS:DESCRIPTION"));
    }

    /** --graph-token prints a Graph token; --deny-graph makes Graph 403; --certificate-validity is checked. */
    @Test
    void printsGraphTokensAndDeniesGraph(@TempDir Path dir) throws Exception {
        Running main = start("--dir", dir.toString(), "--graph-token", "erin@contoso.example", "--deny-graph",
                "--certificate-validity", "-P2D,-P1D");
        List<String> lines = main.twoLines();
        assertTrue(lines.get(1).startsWith("graph-token ey"), lines.get(1));
        assertEquals("https://graph.microsoft.com", DrsTestSupport.claims(lines.get(1).substring(12)).path("aud")
                .asText());
        String[] ready = lines.get(0).split(" ");
        HttpClient http = HttpClient.newBuilder().sslContext(DrsTestSupport.tls(
                DrsTestSupport.readPem(Path.of(ready[2])), null, null)).build();
        var r = DrsTestSupport.send(http, java.net.http.HttpRequest.newBuilder(java.net.URI.create(ready[1]
                + "/v1.0/devices")).header("Authorization", "Bearer " + lines.get(1).substring(12)).build());
        GraphDevicesIT.assertGraphError(r, 403, "Authorization_RequestDenied");
        main.stdin().close();
        assertEquals(0, main.exit().get(10, TimeUnit.SECONDS));
        for (String bad : List.of("-P1D,-P2D", "P1D", "soon,later")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(2, DrsEmulatorMain.run(new String[] {"--dir", dir.toString(), "--certificate-validity",
                    bad}, java.io.InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("--certificate-validity needs"), bad);
        }
    }

    /**
     * An operator's commands on stdin while it serves: each changes what the device's own requests and Graph are
     * answered, each is answered by one line; a bad command is an error line and the emulator goes on.
     */
    @Test
    void operatorCommandsOnStdinDisableEnableManageAndDeleteADevice(@TempDir Path dir) throws Exception {
        CompletableFuture<DrsEmulator> started = new CompletableFuture<>();
        Running main = start(started::complete, "--dir", dir.toString(), "--token", "bob@contoso.example");
        main.twoLines();
        DrsEmulator drs = started.get(10, TimeUnit.SECONDS);
        DrsTestSupport.Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        String id = device.deviceId();
        PrtTestClient client = new PrtTestClient(drs);

        assertEquals("ok disable " + id, main.command("disable " + id));
        PrtTestClient.assertAadError(DrsDeviceAdminIT.acquire(drs, client, device), "invalid_grant", 135011);
        JsonNode disabled = DrsTestSupport.json(DrsDeviceAdminIT.deviceGet(drs, device));
        assertTrue(disabled.path("Enabled").isBoolean() && !disabled.path("Enabled").asBoolean(), disabled.toString());
        assertEquals("ok enable " + id, main.command("  ENABLE   " + id.toUpperCase(java.util.Locale.ROOT) + " "));
        assertTrue(DrsTestSupport.json(DrsDeviceAdminIT.deviceGet(drs, device)).path("Enabled").asBoolean());
        assertEquals(200, DrsDeviceAdminIT.acquire(drs, client, device).statusCode());

        assertEquals("false false", graph(drs, id));
        assertEquals("ok manage " + id + " compliant", main.command("manage " + id + " Compliant"));
        assertEquals("true true " + ManagementState.INTUNE_APP_ID, graph(drs, id));
        assertEquals("ok manage " + id + " noncompliant", main.command("manage " + id + " noncompliant"));
        assertEquals("true false " + ManagementState.INTUNE_APP_ID, graph(drs, id));
        assertEquals("ok manage " + id + " unmanaged", main.command("manage " + id + " unmanaged"));
        assertEquals("false false", graph(drs, id));

        // refused: nothing changes, the next command is read
        String unknown = java.util.UUID.randomUUID().toString();
        assertTrue(main.command("frobnicate " + id).startsWith("error unknown command 'frobnicate' (commands: "
                + "disable|enable|delete DEVICEID, manage"), main.out().toString(StandardCharsets.UTF_8));
        assertEquals("error manage needs compliant, noncompliant or unmanaged, not 'sideways'",
                main.command("manage " + id + " sideways"));
        assertTrue(main.command("disable").startsWith("error disable needs DEVICEID"));
        assertTrue(main.command("manage " + id).startsWith("error manage needs DEVICEID compliant|noncompliant|"));
        assertTrue(main.command("disable " + unknown).startsWith("error the emulator has no live device " + unknown));
        assertEquals("false false", graph(drs, id));

        assertEquals("ok delete " + id, main.command("delete " + id));
        DrsTestSupport.assertDrsError(DrsDeviceAdminIT.deviceGet(drs, device), 404, "deleted already");
        PrtTestClient.assertAadError(DrsDeviceAdminIT.acquire(drs, client, device), "invalid_grant", 700003);
        assertTrue(main.command("delete " + id).startsWith("error the emulator has no live device " + id));
        assertTrue(main.command("manage " + id + " compliant").startsWith("error the emulator has no live device"));

        main.stdin().write("\n# a comment, no command\n".getBytes(StandardCharsets.UTF_8));
        main.stdin().close();
        assertEquals(0, main.exit().get(10, TimeUnit.SECONDS));
        assertEquals("", main.err().toString(StandardCharsets.UTF_8));
        assertEquals(2 + 13, main.out().toString(StandardCharsets.UTF_8).lines().count(), "no answer to a blank or"
                + " comment line: " + main.out());
    }

    /** Graph's {@code isManaged isCompliant [mdmAppId]} of the device. */
    private static String graph(DrsEmulator drs, String id) throws Exception {
        JsonNode d = DrsTestSupport.json(GraphDevicesIT.devices(drs, GraphDevicesIT.byId(id),
                "isManaged,isCompliant,mdmAppId", GraphDevicesIT.graphToken(drs))).at("/value/0");
        return (d.path("isManaged").asBoolean() + " " + d.path("isCompliant").asBoolean() + " "
                + d.path("mdmAppId").asText("")).strip();
    }
}
