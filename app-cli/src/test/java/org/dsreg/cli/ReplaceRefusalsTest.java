package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of {@code --repair}/{@code --forcerecovery} and {@code --rekey} that needs no DRS: the exact exit
 * code and the one {@code dsreg:} line (a usage error adds the usage hint, a failure its {@code Hint:}), nothing on
 * stdout, and no request: the DRS URL is a closed port on loopback, which a request would fail on (exit 3 with
 * another message). Refused as a user other than root (exit 4): {@code NormalUserIT}; without {@code --tenant-id}
 * or with a domain name: {@code ActionGroupsTest}; a device DRS deleted, or a key that is gone, at the rekey:
 * {@code RekeyIT}; a disabled device: {@code RepairIT}.
 */
class ReplaceRefusalsTest {
    static final String TENANT = MessagesTest.TENANT;
    static final String TRY = "Try 'dsreg --help' for more information.";

    @TempDir
    Path dir;
    StatusFixture fx;

    @BeforeEach
    void fixture() {
        fx = new StatusFixture(dir);
    }

    private StatusFixture.Run run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--drs-url", "https://127.0.0.1:1", "--timeout", "2"));
        return fx.run(all.toArray(String[]::new));
    }

    private static void assertRefused(StatusFixture.Run r, int code, String... lines) {
        assertEquals(code, r.exitCode(), r.err());
        MessagesTest.assertOurs(r);
        assertEquals(List.of(lines), StatusFixture.lines(r.err()));
        assertEquals("", r.out());
    }

    private void registered() {
        fx.join(UUID.fromString(TENANT), Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(300)));
    }

    @Test
    void aRefreshTokenFileIsNotASourceOfTheNewJoinsToken() {
        String why = "dsreg: a new join's DRS token comes from the broker, the device code sign-in or an access token"
                + " file; a refresh token file is a PRT's first sign-in";
        assertRefused(run("--repair", "--tenant-id", TENANT, "--token-source", "refresh-token:" + dir.resolve("rt")),
                1, why, TRY);
        assertRefused(run("--forcerecovery", "--tenant-id", TENANT, "--token-source",
                "refresh-token:" + dir.resolve("rt")), 1, why, TRY);
        assertRefused(run("--rekey", "--tenant-id", TENANT, "--key-storage", "tpm", "--token-source",
                "refresh-token:" + dir.resolve("rt")), 1, why, TRY);
        assertTrue(Files.notExists(fx.state), "refused before the state is touched");
    }

    @Test
    void anUnknownTokenSourceIsAUsageError() {
        String why = "dsreg: 'password' is not a token source (broker, device-code, file:PATH or refresh-token:PATH)";
        assertRefused(run("--repair", "--tenant-id", TENANT, "--token-source", "password"), 1, why, TRY);
        assertRefused(run("--rekey", "--tenant-id", TENANT, "--key-storage", "tpm", "--token-source", "password"), 1,
                why, TRY);
    }

    @Test
    void aTenantDsregIsNotRegisteredWithHasNoIdentityToReplace() {
        String hint = "Hint: see 'dsreg --status' for the registrations on this device";
        assertRefused(run("--repair", "--tenant-id", TENANT, "--token-source", "file:" + dir.resolve("t")), 3,
                "dsreg: this device is not registered with tenant " + TENANT + " by dsreg: there is no identity to"
                        + " repair", hint);
        assertRefused(run("--rekey", "--tenant-id", TENANT, "--key-storage", "tpm"), 3,
                "dsreg: this device is not registered with tenant " + TENANT + " by dsreg: there is no identity to"
                        + " move to another key storage", hint);
    }

    @Test
    void aRekeyToTheStorageTheKeysAreInAlreadyIsAUsageError() {
        registered();
        assertRefused(run("--rekey", "--tenant-id", TENANT, "--key-storage", "software"), 1,
                "dsreg: the keys of tenant " + TENANT + " are in key storage 'software' already", TRY);
    }

    @Test
    void aRekeyToAKeyStorageNoBackendProvidesIsAUsageErrorNamingThoseThereAre() {
        registered();
        StatusFixture.Run r = run("--rekey", "--tenant-id", TENANT, "--key-storage", "pkcs11");
        assertEquals(1, r.exitCode(), r.err());
        MessagesTest.assertOurs(r);
        List<String> lines = StatusFixture.lines(r.err());
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).matches("dsreg: no key storage named 'pkcs11' \\(available: .*\\)"), r.err());
        assertTrue(lines.get(0).contains("software") && lines.get(0).contains("tpm"), r.err());
        assertEquals(TRY, lines.get(1));
        assertEquals("", r.out());
    }
}
