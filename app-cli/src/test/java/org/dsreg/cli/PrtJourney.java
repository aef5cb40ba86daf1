package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.dsreg.testkit.drs.DrsEmulator;

/**
 * The whole PRT life with the real dsreg against the emulator, for one key storage: join, no PRT, a first PRT from
 * a refresh token file (and one refused for its mode), status rows, renewal, an access token, a refusal that keeps
 * the PRT and is shown as the last attempt, and unregister removing it all.
 */
final class PrtJourney {
    static final String BROKER_CLIENT = "29d9ed98-a469-4536-ade2-f981bc1d605e";
    static final String GRAPH_CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

    private final ObjectMapper mapper = new ObjectMapper();
    private final EmulatorRuns runs;
    private final Path dir;
    private final List<String> storageArgs;

    PrtJourney(EmulatorRuns runs, Path dir, String... storageArgs) {
        this.runs = runs;
        this.dir = dir;
        this.storageArgs = List.of(storageArgs);
    }

    StatusFixture.Run dsreg(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(storageArgs.subList(storageArgs.indexOf("--key-storage") < 0 ? 0 : 2, storageArgs.size()));
        return runs.dsreg(all.toArray(String[]::new));
    }

    Path refreshTokenFile(String upn, String mode) throws Exception {
        Path f = Files.writeString(dir.resolve("rt-" + upn), runs.drs.issueRefreshToken(upn, BROKER_CLIENT) + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    Path prtDirectory() {
        return runs.fx.state.resolve("prt").resolve(runs.drs.tenantId());
    }

    /** Every file under the tenant's PRT directory, with its bytes: to show that a failure changed nothing. */
    List<String> prtFiles() throws Exception {
        if (!Files.exists(prtDirectory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(prtDirectory())) {
            List<String> all = new ArrayList<>();
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString()
                    .startsWith("last-attempt")).sorted().toList()) {
                all.add(p.getFileName() + "=" + Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            }
            return all;
        }
    }

    void run(String protection) throws Exception {
        DrsEmulator drs = runs.drs;
        String tenant = drs.tenantId();
        String upn = "alice@" + drs.tenantDomain();
        var joined = runs.join(storageArgs.toArray(String[]::new));
        assertEquals(0, joined.exitCode(), joined.err());

        var none = dsreg("--status");
        assertTrue(none.out().matches("(?s).*PRT Present +: NO.*"), none.out());

        // a refresh token file that others may read is refused before any request, nothing saved
        Path open = refreshTokenFile(upn, "rw-r--r--");
        var refused = dsreg("--refreshprt", "--tenant-id", tenant, "--token-source", "refresh-token:" + open);
        assertEquals(5, refused.exitCode(), refused.err());
        assertEquals(1, refused.err().lines().filter(l -> !l.startsWith("Hint: ")).count(), refused.err());
        assertTrue(refused.err().startsWith("dsreg: "), refused.err());
        assertEquals(List.of(), prtFiles());

        Path rt = refreshTokenFile(upn, "rw-------");
        var acquired = dsreg("--refreshprt", "--tenant-id", tenant, "--token-source", "refresh-token:" + rt, "--json");
        assertEquals(0, acquired.exitCode(), acquired.err());
        JsonNode a = mapper.readTree(acquired.out());
        assertEquals("acquired", a.path("action").asText());
        assertEquals(upn, a.path("account").asText());
        assertEquals(protection, a.path("sessionKeyProtection").asText());
        assertEquals(1, drs.prts().size());
        String refreshToken = Files.readString(rt).strip();
        List<String> secrets = new ArrayList<>(secrets());

        var status = dsreg("--status");
        assertEquals(0, status.exitCode(), status.err());
        for (String row : List.of("PRT Present +: YES", "PRT Cached At +: 2", "PRT Expires On +: 2",
                "Session Key Protocol +: .*2", "Session Key Protection +: " + protection, "PRT Age +: ")) {
            assertTrue(status.out().matches("(?s).*" + row + ".*"), row + "\n" + status.out());
        }
        assertTrue(status.out().contains(upn), status.out());

        // files: 0600 in 0700, and no session key among them when a backend holds it
        try (Stream<Path> files = Files.walk(runs.fx.state.resolve("prt"))) {
            for (Path p : files.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, p.toString());
            }
        }

        JsonNode json = mapper.readTree(dsreg("--status", "--json").out());
        assertEquals("known", json.at("/registrations/0/prtState").asText(), json.toString());
        assertEquals(upn, json.at("/registrations/0/prts/0/account").asText(), json.toString());
        assertEquals(protection, json.at("/registrations/0/prts/0/sessionKeyProtection").asText());
        assertTrue(json.at("/registrations/0/lastPrtAttempt/succeeded").asBoolean(), json.toString());

        // --diagnose renews it: the PRT tests pass, and the renewal is the service's (the emulator counts it)
        var diagnose = dsreg("--diagnose", "--tenant-id", tenant, "--graph-url", drs.baseUrl());
        for (String test : List.of("PRT Present Test", "PRT Expiry Test", "PRT Renewal Test")) {
            assertTrue(diagnose.out().matches("(?s).*\n" + test + " +: PASS.*"), test + "\n" + diagnose.out());
        }
        assertEquals(1, drs.prtRenewals());
        secrets.addAll(secrets());

        var renewed = dsreg("--refreshprt", "--tenant-id", tenant);
        assertEquals(0, renewed.exitCode(), renewed.err());
        secrets.addAll(secrets()); // the renewed PRT too; the emulator has revoked the first one
        assertTrue(renewed.out().startsWith("Renewed the PRT of " + upn), renewed.out());
        var afterRenewal = dsreg("--status");
        assertTrue(afterRenewal.out().matches("(?s).*Last PRT Refresh +: 2.*"), afterRenewal.out());

        var token = dsreg("--gettoken", "--tenant-id", tenant, "--client-id", GRAPH_CLIENT, "--scope",
                "https://graph.microsoft.com/.default");
        assertEquals(0, token.exitCode(), token.err());
        String[] jwt = token.out().strip().split("\\.");
        assertEquals(3, jwt.length, token.out());
        JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertEquals("https://graph.microsoft.com", claims.path("aud").asText());
        assertEquals(GRAPH_CLIENT, claims.path("appid").asText());
        assertEquals(upn, claims.path("upn").asText());

        // the service refuses: exit 3 with its code, the PRT and its files untouched, the attempt shown
        List<String> before = prtFiles();
        drs.failPrtRequests("invalid_grant", 70000, "The provided grant is invalid or malformed.");
        var failed = dsreg("--refreshprt", "--tenant-id", tenant);
        assertEquals(3, failed.exitCode(), failed.err());
        assertEquals(1, failed.err().lines().filter(l -> !l.startsWith("Hint: ")).count(), failed.err());
        assertTrue(failed.err().contains("AADSTS70000"), failed.err());
        assertEquals(before, prtFiles(), "nothing changed");
        var shown = dsreg("--status");
        assertTrue(shown.out().contains("AADSTS70000"), shown.out());
        drs.clearPrtFailure();

        assertNoSecretIn(acquired.out() + acquired.err() + status.out() + status.err() + diagnose.out() + renewed.out()
                + renewed.err() + failed.err() + shown.out() + token.err() + afterRenewal.out(), refreshToken, secrets);

        // the service revokes the PRT (a password change): renewing says to sign in again, and a sign-in does
        drs.revokePrts();
        var revoked = dsreg("--refreshprt", "--tenant-id", tenant);
        assertEquals(3, revoked.exitCode(), revoked.err());
        assertTrue(revoked.err().contains("AADSTS50173"), revoked.err());
        assertTrue(revoked.err().contains("--token-source device-code"), revoked.err());
        Path again = refreshTokenFile(upn, "rw-------");
        var signedIn = dsreg("--refreshprt", "--tenant-id", tenant, "--token-source", "refresh-token:" + again);
        assertEquals(0, signedIn.exitCode(), signedIn.err());
        assertTrue(signedIn.out().startsWith("Acquired a PRT of " + upn), signedIn.out());
        assertEquals(1, prtFiles().size(), "the account's PRT replaced, not added: " + prtFiles());
        assertEquals(0, dsreg("--gettoken", "--tenant-id", tenant, "--client-id", GRAPH_CLIENT, "--scope",
                "https://graph.microsoft.com/.default").exitCode(), "the new PRT works");

        var gone = dsreg("--unregister", "--tenant-id", tenant);
        assertEquals(0, gone.exitCode(), gone.err());
        assertFalse(Files.exists(prtDirectory()), "the PRT went with the registration");
    }

    /** The secrets the PRT files hold now: each PRT, and a session key kept inline. */
    List<String> secrets() throws Exception {
        List<String> secrets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(prtDirectory())) {
            for (Path p : files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("last-attempt")).toList()) {
                JsonNode prt = mapper.readTree(p.toFile());
                secrets.add(prt.path("prt").asText());
                if (prt.path("sessionKey").has("inline")) {
                    secrets.add(prt.path("sessionKey").path("inline").asText());
                }
            }
        }
        assertFalse(secrets.isEmpty(), "the PRT files hold a PRT");
        assertTrue(secrets.stream().allMatch(x -> x.length() >= 32), "real secrets, not empty fields");
        return secrets;
    }

    /** None of {@code secrets} (nor the refresh token) in what dsreg printed. */
    static void assertNoSecretIn(String output, String refreshToken, List<String> secrets) {
        assertFalse(output.contains(refreshToken), "the refresh token was printed");
        for (String secret : secrets) {
            assertFalse(output.contains(secret), "a secret of the PRT file was printed");
        }
    }
}
