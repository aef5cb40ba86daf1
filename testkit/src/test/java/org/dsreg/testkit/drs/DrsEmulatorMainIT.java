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
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (out.toString(StandardCharsets.UTF_8).lines().count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(2, lines.size(), out + " / " + err);
            return lines;
        }
    }

    private static Running start(String... args) throws java.io.IOException {
        PipedOutputStream stdinWriter = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(stdinWriter);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> DrsEmulatorMain.run(args, stdin,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
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
}
