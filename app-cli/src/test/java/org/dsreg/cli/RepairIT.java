package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code --repair} (and its alias {@code --forcerecovery}) against the DRS emulator and its operator's console: a
 * device an administrator deleted, a certificate that expires within 30 days or has expired, a key that is gone are
 * repaired in their own key storage (software, and tpm through swtpm); a healthy device is left alone (exit 0); a
 * disabled one is refused (exit 3) and nothing changes.
 */
class RepairIT extends SwtpmEmulatorCase {
    final ObjectMapper mapper = new ObjectMapper();

    private String joined(String storage) {
        var r = dsreg("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + token,
                "--key-storage", storage, "--device-name", "box-1");
        assertEquals(0, r.exitCode(), r.err());
        return live().get(live().size() - 1);
    }

    private StatusFixture.Run repair(String flag) {
        return dsreg(flag, "--tenant-id", drs.tenantId(), "--token-source", "file:" + token);
    }

    private List<String> live() {
        return runs.live();
    }

    private JsonNode registration() throws Exception {
        return mapper.readTree(dsreg("--json").out()).at("/registrations/0");
    }

    private long joins() {
        return drs.requests().stream().filter(q -> q.method().equals("POST") && q.path().startsWith("/EnrollmentServer/device")).count();
    }

    private List<String> keyFiles() throws Exception {
        List<String> all = new ArrayList<>();
        for (String storage : List.of("software", "tpm")) {
            Path keys = fx.state.resolve("keys").resolve(storage);
            if (Files.isDirectory(keys)) {
                try (Stream<Path> files = Files.list(keys)) {
                    files.forEach(p -> all.add(storage + "/" + p.getFileName()));
                }
            }
        }
        return all.stream().sorted().toList();
    }

    /** The registration in use is a new device in {@code storage} that DRS has, with its own keys only. */
    private String assertRepairedIn(String storage, String before) throws Exception {
        JsonNode reg = registration();
        String after = reg.at("/deviceId").asText();
        assertNotEquals(before, after);
        assertEquals(storage, reg.at("/deviceKey/storage").asText());
        assertTrue(live().contains(after));
        String alias = reg.at("/deviceKey/alias").asText();
        String suffix = alias.substring("device-".length());
        assertTrue(keyFiles().stream().allMatch(f -> f.contains(suffix)), "only the new keys: " + keyFiles());
        return after;
    }

    @Test
    void aDeviceAnAdministratorDeletedIsRepaired() throws Exception {
        String before = joined("software");
        drs.admin().delete(before);
        var r = repair("--forcerecovery");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Repaired the registration with tenant " + drs.tenantId()
                + " (DRS no longer has device " + before), r.out());
        assertEquals("", r.err());
        String after = assertRepairedIn("software", before);
        assertEquals(List.of(after), live());
        var healthy = repair("--repair");
        assertEquals(0, healthy.exitCode(), healthy.err());
        assertTrue(healthy.out().startsWith("Nothing to repair: device " + after + " is healthy"), healthy.out());
    }

    @Test
    void aTpmIdentityIsRepairedInTheTpm() throws Exception {
        String before = joined("tpm");
        drs.admin().delete(before);
        var r = repair("--repair");
        assertEquals(0, r.exitCode(), r.err());
        assertRepairedIn("tpm", before);
        assertEquals(4, keyFiles().size(), keyFiles().toString());
    }

    @Test
    void aCertificateThatExpiresWithin30DaysIsRenewedAndThePreviousDeviceDeleted() throws Exception {
        drs.admin().certificateValidity(Duration.ofMinutes(-5), Duration.ofDays(10));
        String before = joined("software");
        drs.admin().resetCertificateValidity();
        var r = repair("--repair");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("the device certificate expires in 9 days"), r.out());
        assertTrue(r.out().contains("the previous device is deleted at DRS"), r.out());
        String after = assertRepairedIn("software", before);
        assertEquals(List.of(after), live(), "the previous device deleted with its own key, which still works");
    }

    @Test
    void anExpiredCertificateIsRenewed() throws Exception {
        drs.admin().certificateValidity(Duration.ofDays(-2), Duration.ofDays(-1));
        String before = joined("software");
        drs.admin().resetCertificateValidity();
        // the emulator refuses the expired certificate's TLS: DRS cannot say whether it is disabled, the token
        // service can, through a PRT (whose request does not check the certificate's dates)
        assertTrue(repair("--repair").err().startsWith("dsreg: cannot tell whether an administrator disabled"));
        refreshPrt();
        var r = repair("--repair");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("the device certificate is not valid now (EXPIRED)"), r.out());
        assertRepairedIn("software", before);
    }

    private void deleteDeviceKey() throws Exception {
        Path keys = fx.state.resolve("keys/software");
        try (Stream<Path> files = Files.list(keys)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("device-")).toList()) {
                Files.delete(p);
            }
        }
    }

    private void refreshPrt() throws Exception {
        Path rt = Files.writeString(dir.resolve("rt"), drs.issueRefreshToken("admin@" + drs.tenantDomain(),
                PrtJourney.BROKER_CLIENT) + "\n");
        Files.setPosixFilePermissions(rt, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        var r = dsreg("--refreshprt", "--tenant-id", drs.tenantId(), "--token-source", "refresh-token:" + rt);
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void aDeviceKeyThatIsGoneIsRepairedAndItsDeviceLeftForAnAdministrator() throws Exception {
        String before = joined("software");
        refreshPrt(); // the token service, asked through the PRT, says whether the device is disabled
        deleteDeviceKey();
        drs.admin().disable(before);
        var refused = repair("--repair");
        assertEquals(3, refused.exitCode(), refused.err());
        assertTrue(refused.err().startsWith("dsreg: device " + before + " is disabled in tenant " + drs.tenantId()
                + " (the token service refused the access token request: AADSTS135011"), refused.err());
        assertEquals(List.of(before), live(), "no join");
        drs.admin().enable(before);
        var r = repair("--repair");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("is gone"), r.out());
        assertTrue(r.err().startsWith("dsreg: warning: the previous device " + before + " was not deleted at DRS"),
                r.err());
        assertTrue(r.err().contains("Microsoft Entra admin center"), r.err());
        String after = assertRepairedIn("software", before);
        assertEquals(List.of(before, after), live(), "nothing here can authenticate as the previous device");
        assertEquals("box-1", drs.devices().get(after).displayName(), "the name recorded at the join");
    }

    @Test
    void aDeviceKeyThatIsGoneWithNoPrtToAskIsRefusedUnlessForced() throws Exception {
        String before = joined("software");
        deleteDeviceKey();
        List<String> keys = keyFiles();
        var r = repair("--repair");
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("dsreg: cannot tell whether an administrator disabled device " + before),
                r.err());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals(keys, keyFiles(), "nothing changed");
        assertEquals(List.of(before), live(), "no join");
        var forced = dsreg("--repair", "--tenant-id", drs.tenantId(), "--token-source", "file:" + token, "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(forced.err().startsWith("dsreg: warning: forced: replaced without knowing whether an"
                + " administrator disabled device " + before), forced.err());
        assertRepairedIn("software", before);
        var misplaced = dsreg("--status", "--force");
        assertEquals(1, misplaced.exitCode(), misplaced.err());
        assertEquals("dsreg: --force goes with --repair or --rekey", StatusFixture.lines(misplaced.err()).get(0));
    }

    @Test
    void aHealthyDeviceIsLeftAsItIs() throws Exception {
        String before = joined("software");
        JsonNode reg = registration();
        long joins = joins();
        var r = dsreg("--repair", "--tenant-id", drs.tenantId(), "--token-source", "file:" + token, "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode out = mapper.readTree(r.out());
        assertFalse(out.at("/replaced").asBoolean(), r.out());
        assertTrue(out.at("/reason").asText().contains("nothing to repair"), r.out());
        assertEquals(reg, registration());
        assertEquals(joins, joins(), "no join");
        assertEquals(List.of(before), live());
    }

    @Test
    void aDisabledDeviceIsRefusedAndNothingChanges() throws Exception {
        String before = joined("software");
        drs.admin().disable(before);
        JsonNode reg = registration();
        List<String> keys = keyFiles();
        long joins = joins();
        var r = repair("--repair");
        assertEquals(3, r.exitCode(), r.err());
        List<String> lines = StatusFixture.lines(r.err());
        assertEquals("dsreg: device " + before + " is disabled in tenant " + drs.tenantId()
                + " (DRS says so); dsreg does not replace it, which would undo that decision", lines.get(0), r.err());
        assertTrue(r.err().contains("an administrator of the tenant can enable it in the Microsoft Entra admin center"),
                r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
        assertEquals(reg, registration());
        assertEquals(keys, keyFiles());
        assertEquals(joins, joins(), "no join");
        var rekey = dsreg("--rekey", "--tenant-id", drs.tenantId(), "--key-storage", "tpm", "--token-source",
                "file:" + token);
        assertEquals(3, rekey.exitCode(), rekey.err());
        assertTrue(rekey.err().startsWith("dsreg: device " + before + " is disabled"), rekey.err());
    }

    @Test
    void aTenantWithoutARegistrationHasNothingToRepair() {
        var r = repair("--repair");
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("dsreg: this device is not registered with tenant " + drs.tenantId()), r.err());
    }

}
