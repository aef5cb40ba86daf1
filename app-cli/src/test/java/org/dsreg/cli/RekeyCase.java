package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.dsreg.testkit.drs.RegisteredDevice;

/**
 * A {@code --rekey} test against swtpm and the DRS emulator: a software identity joined, a PRT for it, and what
 * "exactly one working identity" means here and at the emulator.
 */
abstract class RekeyCase extends SwtpmEmulatorCase {
    final ObjectMapper mapper = new ObjectMapper();

    /** A software join (display name box-1); its device id. */
    String joined() {
        var r = dsreg("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + token,
                "--device-name", "box-1");
        assertEquals(0, r.exitCode(), r.err());
        return liveDevices().get(0).deviceId();
    }

    /** The arguments of a rekey to the TPM, as {@link #rekey()} gives them. */
    String[] rekeyArguments() {
        return new String[] {"--rekey", "--tenant-id", drs.tenantId(), "--key-storage", "tpm", "--token-source",
            "file:" + token};
    }

    StatusFixture.Run rekey() {
        return dsreg(rekeyArguments());
    }

    List<RegisteredDevice> liveDevices() {
        return drs.devices().values().stream().filter(d -> !d.deleted()).toList();
    }

    List<String> keyFiles(String storage) throws Exception {
        Path keys = fx.state.resolve("keys").resolve(storage);
        if (!Files.isDirectory(keys)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(keys)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("prt-")) // a PRT's session key
                    .sorted().toList();
        }
    }

    /** The files of the tenant's PRTs: one per account ({@code <object-id>.json}) and its last attempt. */
    List<Path> prtFiles() throws Exception {
        Path prts = fx.state.resolve("prt").resolve(drs.tenantId());
        if (!Files.exists(prts)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(prts)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Exactly one identity: status's registration, its device the only live one, its keys the only keys. */
    JsonNode assertOneWorkingIdentity() throws Exception {
        JsonNode reg = mapper.readTree(dsreg("--json").out()).at("/registrations/0");
        String device = reg.at("/deviceId").asText();
        assertEquals(List.of(device), liveDevices().stream().map(RegisteredDevice::deviceId).toList(), "exactly one live device at the emulator, the registration's");
        String storage = reg.at("/deviceKey/storage").asText();
        String other = storage.equals("tpm") ? "software" : "tpm";
        assertEquals(List.of(), keyFiles(other), "no key left in " + other);
        assertEquals(storage.equals("tpm") ? 4 : 2, keyFiles(storage).size(), keyFiles(storage).toString());
        Path replacements = fx.state.resolve("replacements");
        if (Files.exists(replacements)) {
            try (Stream<Path> records = Files.list(replacements)) {
                assertFalse(records.findAny().isPresent(), "no replacement record left");
            }
        }
        return reg;
    }

    /** {@code --refreshprt} with a refresh token of the emulator's admin (0600): a first PRT, or a renewal. */
    StatusFixture.Run refreshPrt() throws Exception {
        Path rt = Files.writeString(dir.resolve("rt"), drs.issueRefreshToken("admin@" + drs.tenantDomain(),
                PrtJourney.BROKER_CLIENT) + "\n");
        Files.setPosixFilePermissions(rt, PosixFilePermissions.fromString("rw-------"));
        return dsreg("--refreshprt", "--tenant-id", drs.tenantId(), "--token-source", "refresh-token:" + rt);
    }
}
