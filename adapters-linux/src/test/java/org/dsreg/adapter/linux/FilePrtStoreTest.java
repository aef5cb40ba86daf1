package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.SessionKeyRef;
import org.dsreg.port.out.StoredPrt;
import org.dsreg.spi.state.StateTreeException;
import org.dsreg.spi.state.StateTreeException.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PRT files on a real tree: layout, modes, atomic replacement, links, corruption, removal. */
class FilePrtStoreTest {
    static final TenantId TENANT = TenantId.parse("6f2c9a4e-0b1d-4c8e-9a77-3d5e1f2a4b6c");
    static final String ALICE = "0d3f5a7b-1c2e-4f60-8a9b-c0d1e2f3a4b5";
    static final String BOB = "9a8b7c6d-5e4f-4321-8fed-cba987654321";
    static final String SECRET = "PRT-SECRET-0123456789";
    static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (i * 7 + 1);
        }
    }

    @TempDir
    Path root;

    Path state() {
        return root.resolve("state");
    }

    Path tenantDir() {
        return state().resolve("prt/" + TENANT);
    }

    Path fileOf(String objectId) {
        return tenantDir().resolve(objectId + ".json");
    }

    FilePrtStore store() {
        return new FilePrtStore(new LinuxPaths(Path.of("/"), state()));
    }

    static StoredPrt prt(TenantId tenant, String upn, String objectId, String secret, SessionKeyRef key) {
        Instant cached = Instant.parse("2026-11-30T08:00:00Z");
        return new StoredPrt(new DsregPrt(tenant, upn, objectId, cached, Optional.of(cached.plusSeconds(1209600)),
                Optional.of(cached.plusSeconds(3600)), 2, "TPM"), secret, key);
    }

    static StoredPrt alice() {
        return prt(TENANT, "alice@contoso.example", ALICE, SECRET + "-alice", new SessionKeyRef.Inline(KEY));
    }

    static StoredPrt bob() {
        StoredPrt p = prt(TENANT, "Bob@contoso.example", BOB, SECRET + "-bob", new SessionKeyRef.InStorage("tpm",
                "prt-" + BOB));
        DsregPrt m = p.metadata();
        return new StoredPrt(new DsregPrt(TENANT, m.upn(), m.objectId(), m.cachedAt(), Optional.empty(),
                Optional.empty(), 1, "software"), p.prt(), p.sessionKey());
    }

    static PrtAttempt refused() {
        return new PrtAttempt(Instant.parse("2026-12-01T10:00:00Z"), PrtAttempt.Kind.RENEW,
                Optional.of("alice@contoso.example"), false, Optional.of(400), Optional.of("AADSTS70000"),
                Optional.of("AADSTS70000: the grant is invalid"), Optional.of("trace-1"), Optional.of("corr-1"),
                "https://login.example/" + TENANT + "/oauth2/token");
    }

    static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** Giving a directory to another user needs root; CI runs as root, so there this never skips. */
    static void needRoot() {
        boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        if (!root && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI runs these tests as root");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(root, "needs root to give a directory to another user");
    }

    static Rule broken(org.junit.jupiter.api.function.Executable action) {
        return assertThrows(StateTreeException.class, action).rule();
    }

    @Test
    void nothingKeptReadsAsNoneAndCreatesNothing() {
        assertEquals(new PrtRecords.Known(List.of(), Optional.empty()), store().read(TENANT));
        assertEquals(List.of(), store().list(TENANT));
        assertEquals(Optional.empty(), store().find(TENANT, ALICE));
        assertEquals(List.of(), store().deleteAll(TENANT));
        assertFalse(Files.exists(state()), "reading must not create state");
    }

    @Test
    void savedPrtsReadBackWithSecretsForActionsAndWithoutForStatusInPrivateFiles() throws Exception {
        store().save(bob());
        store().save(alice());
        assertEquals(List.of(alice(), bob()), store().list(TENANT), "both key forms; sorted by UPN, any case");
        assertArrayEquals(KEY, ((SessionKeyRef.Inline) store().find(TENANT, ALICE).orElseThrow().sessionKey()).key());
        assertEquals(Optional.of(bob()), store().find(TENANT, BOB.toUpperCase(java.util.Locale.ROOT)));
        assertEquals(Optional.empty(), store().find(TENANT, UUID.randomUUID().toString()));
        assertEquals(Optional.empty(), store().find(TENANT, "not-a-guid"));
        assertEquals(new PrtRecords.Known(List.of(alice().metadata(), bob().metadata()), Optional.empty()),
                store().read(TENANT));

        assertEquals("rwx------", perms(state().resolve("prt")));
        assertEquals("rwx------", perms(tenantDir()));
        assertEquals("rw-------", perms(fileOf(ALICE)));
        assertEquals("rw-------", perms(fileOf(BOB)));
        try (Stream<Path> names = Files.list(tenantDir())) {
            assertEquals(2, names.count(), "no temporary file is left behind");
        }
        String json = Files.readString(fileOf(BOB));
        assertTrue(json.contains("\"formatVersion\" : 1") && json.contains("\"expiresOn\" : null"), json);
    }

    @Test
    void theLastAttemptIsKeptBesideThePrtsAndReplaced() throws Exception {
        store().recordAttempt(TENANT, refused());
        assertEquals(new PrtRecords.Known(List.of(), Optional.of(refused())), store().read(TENANT));
        assertEquals("rw-------", perms(tenantDir().resolve(FilePrtStore.LAST_ATTEMPT)));
        PrtAttempt ok = new PrtAttempt(Instant.parse("2026-12-01T11:00:00Z"), PrtAttempt.Kind.ACQUIRE,
                Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "https://login.example/token");
        store().recordAttempt(TENANT, ok);
        store().save(alice());
        assertEquals(new PrtRecords.Known(List.of(alice().metadata()), Optional.of(ok)), store().read(TENANT));
        assertEquals(List.of(alice()), store().list(TENANT), "the attempt is no PRT");
    }

    @Test
    void saveReplacesTheFileByRenameSoTheOldOneStaysWholeUntilThen() throws Exception {
        store().save(alice());
        byte[] before = Files.readAllBytes(fileOf(ALICE));
        Object inode = Files.getAttribute(fileOf(ALICE), "unix:ino");
        StoredPrt renewed = new StoredPrt(alice().metadata().renewed(Instant.parse("2026-12-01T12:00:00Z"),
                Optional.empty()), SECRET + "-renewed", alice().sessionKey());
        try (FileChannel old = FileChannel.open(fileOf(ALICE))) {
            store().save(renewed);
            ByteBuffer seen = ByteBuffer.allocate(before.length);
            old.read(seen, 0);
            assertArrayEquals(before, seen.array(), "the old file was not written in place");
        }
        assertNotEquals(inode, Files.getAttribute(fileOf(ALICE), "unix:ino"));
        assertEquals(List.of(renewed), store().list(TENANT));
        assertEquals("rw-------", perms(fileOf(ALICE)));
    }

    @Test
    void aLinkAtTheDirectoriesOrAFileIsRefusedAndItsTargetUntouched() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createDirectories(state());
        Files.createSymbolicLink(state().resolve("prt"), elsewhere);
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> store().save(alice())));
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> store().list(TENANT)));
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> store().deleteAll(TENANT)));
        assertInstanceOf(PrtRecords.Unreadable.class, store().read(TENANT));
        Files.delete(state().resolve("prt"));

        Files.createDirectories(state().resolve("prt"));
        Files.createSymbolicLink(tenantDir(), elsewhere);
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> store().recordAttempt(TENANT, refused())));
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> store().find(TENANT, ALICE)));
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> store().deleteAll(TENANT)));
        Files.delete(tenantDir());

        store().save(bob());
        Path target = Files.writeString(elsewhere.resolve("alice.json"), "theirs");
        Files.createSymbolicLink(fileOf(ALICE), target);
        StateTreeException e = assertThrows(StateTreeException.class, () -> store().list(TENANT));
        assertEquals(Rule.SYMBOLIC_LINK, e.rule());
        assertEquals(fileOf(ALICE), e.path());
        assertEquals(new PrtRecords.Unreadable(e.getMessage()), store().read(TENANT));
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> store().deleteAll(TENANT)));
        assertTrue(Files.exists(fileOf(BOB)), "a refused removal removes nothing");
        store().save(alice());
        assertFalse(Files.isSymbolicLink(fileOf(ALICE)), "a save replaces the link, never writes through it");
        assertEquals("theirs", Files.readString(target));
        try (Stream<Path> names = Files.list(elsewhere)) {
            assertEquals(1, names.count());
        }
    }

    @Test
    void aCorruptFileFailsListAndItsFindNamingItIsUnreadableForStatusAndASaveRepairsIt() throws Exception {
        store().save(alice());
        store().save(bob());
        Files.writeString(fileOf(ALICE), "{\"formatVersion\": 1, \"prt\": \"" + SECRET + "");
        DsregException e = assertThrows(DsregException.class, () -> store().list(TENANT));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("PRT file " + fileOf(ALICE) + " is corrupt: not valid JSON (line 1"),
                e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), "the file's content is never quoted");
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(ErrorKind.QUERY_FAILED, assertThrows(DsregException.class,
                () -> store().find(TENANT, ALICE)).kind());
        assertEquals(new PrtRecords.Unreadable(e.getMessage()), store().read(TENANT));
        assertEquals(Optional.of(bob()), store().find(TENANT, BOB), "another account's file stands in no one's way");

        store().save(alice());
        assertEquals(List.of(alice(), bob()), store().list(TENANT));
    }

    @Test
    void aCorruptLastAttemptMakesStatusSayWhyButLeavesThePrtsUsable() throws Exception {
        store().save(alice());
        store().recordAttempt(TENANT, refused());
        Path attempt = tenantDir().resolve(FilePrtStore.LAST_ATTEMPT);
        Files.writeString(attempt, Files.readString(attempt).replace("\"RENEW\"", "\"SOMETHING\""));
        assertEquals(new PrtRecords.Unreadable("PRT file " + attempt + " is corrupt: field 'kind' 'SOMETHING' is"
                + " neither ACQUIRE nor RENEW"), store().read(TENANT));
        assertEquals(List.of(alice()), store().list(TENANT));
    }

    @Test
    void aFileNamedInUpperCaseIsNotOneDsregWrote() throws Exception {
        store().save(alice());
        Path upper = tenantDir().resolve(ALICE.toUpperCase(java.util.Locale.ROOT) + ".json");
        Files.move(fileOf(ALICE), upper);
        DsregException e = assertThrows(DsregException.class, () -> store().list(TENANT));
        assertEquals("PRT file " + upper + " is corrupt: its name is not the object id in lower case, as dsreg names"
                + " PRT files", e.getMessage());
    }

    @Test
    void filesOrDirectoriesOthersCouldReachAreRefusedAsTheStateTreeRulesSay() throws Exception {
        store().save(alice());
        Files.setPosixFilePermissions(fileOf(ALICE), PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Rule.TOO_OPEN, broken(() -> store().list(TENANT)));
        assertInstanceOf(PrtRecords.Unreadable.class, store().read(TENANT));
        store().save(alice());
        assertEquals("rw-------", perms(fileOf(ALICE)), "a save writes the file private again");

        Files.setPosixFilePermissions(tenantDir(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Rule.WRITABLE_BY_OTHERS, broken(() -> store().list(TENANT)));
        assertEquals(Rule.WRITABLE_BY_OTHERS, broken(() -> store().save(alice())));
        assertEquals("rwxrwxrwx", perms(tenantDir()), "refused, not silently changed");

        Files.setPosixFilePermissions(tenantDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        store().save(alice());
        assertEquals("rwx------", perms(tenantDir()), "an existing directory of ours is closed to others on save");
    }

    @Test
    void aDirectoryAnotherUserOwnsIsRefused() throws Exception {
        needRoot();
        store().save(alice());
        Files.setAttribute(tenantDir(), "unix:uid", 65534);
        assertEquals(Rule.FOREIGN_OWNER, broken(() -> store().list(TENANT)));
        assertEquals(Rule.FOREIGN_OWNER, broken(() -> store().save(alice())));
        assertInstanceOf(PrtRecords.Unreadable.class, store().read(TENANT));
    }

    @Test
    void deleteAllRemovesTheTenantsFilesCorruptOnesTooAndItsDirectoryAndReturnsWhatItRead() throws Exception {
        TenantId other = TenantId.parse(UUID.randomUUID().toString());
        StoredPrt elsewhere = prt(other, "carol@fabrikam.example", ALICE, SECRET + "-carol",
                new SessionKeyRef.InStorage("software", "carol"));
        store().save(elsewhere);
        store().save(alice());
        store().save(bob());
        store().recordAttempt(TENANT, refused());
        Files.writeString(fileOf(ALICE), "garbage");
        Files.writeString(tenantDir().resolve("." + BOB + ".json.0123abcd.tmp"), "left by a crash");

        assertEquals(List.of(bob()), store().deleteAll(TENANT));
        assertFalse(Files.exists(tenantDir()));
        assertTrue(Files.isDirectory(state().resolve("prt")));
        assertEquals(new PrtRecords.Known(List.of(), Optional.empty()), store().read(TENANT));
        assertEquals(List.of(elsewhere), store().list(other), "another tenant's PRTs stay");
        assertEquals(List.of(), store().deleteAll(TENANT));
    }

    @Test
    void deleteAllRefusesADirectoryInsideAndRemovesNothing() throws Exception {
        store().save(alice());
        Files.createDirectory(tenantDir().resolve("sub"));
        assertEquals(Rule.NOT_A_REGULAR_FILE, broken(() -> store().deleteAll(TENANT)));
        assertEquals(List.of(alice()), store().list(TENANT));
    }

    @Test
    void statusSaysRootOnlyForAPermissionDeniedAndWhyForAnyOtherRule() {
        Path p = Path.of("/var/lib/dsreg/prt");
        assertEquals(new PrtRecords.RootOnly(), FilePrtStore.unreadable(new StateTreeException(
                Rule.PERMISSION_DENIED, p, "cannot use " + p + ": permission denied", null, null)));
        assertEquals(new PrtRecords.Unreadable("why"), FilePrtStore.unreadable(new StateTreeException(Rule.TOO_OPEN,
                p, "why", null, null)));
    }

    @Test
    void noSecretInTheStoredFormsStrings() {
        store().save(alice());
        String shown = alice() + " " + store().list(TENANT);
        assertFalse(shown.contains(SECRET), shown);
        byte[] json = PrtJson.write(alice());
        assertTrue(new String(json, StandardCharsets.UTF_8).contains(SECRET), "the file does hold the PRT");
    }
}
