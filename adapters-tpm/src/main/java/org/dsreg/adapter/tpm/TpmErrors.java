package org.dsreg.adapter.tpm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.dsreg.spi.keystorage.KeyStorageException;

/** One-line, user-fit messages for what goes wrong between us and the TPM. */
final class TpmErrors {
    /** TCTI modules Debian packages as {@code libtss2-tcti-<name>0}. */
    private static final Set<String> PACKAGED_TCTIS = Set.of("device", "swtpm", "mssim", "tabrmd", "cmd", "pcap",
            "libtpms", "spi-helper", "i2c-helper");

    private TpmErrors() {
    }

    /** "0x000001df (tpm:parameter(1):integrity check failed)", or the hex alone without libtss2-rc. */
    static String describe(int rc) {
        String text = "";
        try {
            text = Tss2.get().decode(rc);
        } catch (TssException e) {
            // no libraries: no text
        }
        return text.isEmpty() ? Tpm2.hex(rc) : Tpm2.hex(rc) + " (" + text + ")";
    }

    /** The TCTI's module name: what comes before the first ':' ("device" for "device:/dev/tpmrm0"). */
    static String tctiModule(String tcti) {
        if (tcti == null || tcti.isEmpty()) {
            return "";
        }
        int colon = tcti.indexOf(':');
        String name = colon < 0 ? tcti : tcti.substring(0, colon);
        if (name.startsWith("libtss2-tcti-")) {
            name = name.substring("libtss2-tcti-".length());
        }
        int so = name.indexOf(".so");
        return so < 0 ? name : name.substring(0, so);
    }

    /** The TPM device a {@code device:} TCTI names. */
    static Optional<Path> devicePath(String tcti) {
        if (!"device".equals(tctiModule(tcti))) {
            return Optional.empty();
        }
        int colon = tcti.indexOf(':');
        String conf = colon < 0 ? "" : tcti.substring(colon + 1);
        return Optional.of(Path.of(conf.isEmpty() ? "/dev/tpmrm0" : conf));
    }

    /** Why the device of a {@code device:} TCTI cannot be used, checked before any library is asked. */
    static Optional<String> deviceProblem(String tcti) {
        Optional<Path> device = devicePath(tcti);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        Path p = device.get();
        if (!Files.exists(p)) {
            return Optional.of("no TPM: " + p + " does not exist (this machine has no TPM 2.0, it is disabled in the"
                    + " firmware settings, or its driver is not loaded)");
        }
        if (!Files.isReadable(p) || !Files.isWritable(p)) {
            return Optional.of(permissionDenied(p));
        }
        return Optional.empty();
    }

    static String permissionDenied(Path device) {
        return "permission denied on " + device + ": add the user to group tss (sudo usermod -aG tss "
                + System.getProperty("user.name", "USER") + "), then log in again";
    }

    /** Why the TPM behind this TCTI cannot be used, from the failure of connecting to it. */
    static String unavailable(String tcti, TssException e) {
        if (e.rc() == 0) {
            return e.getMessage();
        }
        String module = tctiModule(tcti);
        if (e.operation().equals("Tss2_TctiLdr_Initialize")) {
            if (PACKAGED_TCTIS.contains(module) && !Tss2.tctiModulePresent(module)) {
                return "the TCTI module libtss2-tcti-" + module + ".so.0 for TCTI " + tcti
                        + " is not installed: apt-get install libtss2-tcti-" + module + "0";
            }
            Optional<String> device = deviceProblem(tcti);
            if (device.isPresent()) {
                return device.get();
            }
            String hint = switch (module) {
                case "swtpm", "mssim" -> " (is the TPM simulator running and listening there?)";
                case "tabrmd" -> " (is tpm2-abrmd running?)";
                case "device" -> " (is the TPM device in use by another program without the resource manager?)";
                default -> "";
            };
            return "cannot reach the TPM through TCTI " + tcti + ": " + describe(e.rc()) + hint;
        }
        return "the TPM at TCTI " + tcti + " does not work: " + e.operation() + " failed with " + describe(e.rc());
    }

    /** The KeyStorageException for a failure of {@code action} on the key {@code alias}. */
    static KeyStorageException forKey(String alias, String action, TssException e) {
        if (e.rc() == 0) {
            return new KeyStorageException("cannot " + action + " TPM key '" + alias + "': " + e.getMessage(), e);
        }
        String rc = describe(e.rc());
        int base = e.tpmBase();
        if (e.operation().equals("Esys_Load")) {
            if (base == Tpm2.RC_INTEGRITY || base == Tpm2.RC_BINDING || base == Tpm2.RC_KEY) {
                return new KeyStorageException("TPM key '" + alias + "' cannot be loaded: it was made by another TPM,"
                        + " or this TPM was cleared since it was made (or its files were altered): the TPM"
                        + " refused it with " + rc, e);
            }
            if (base == Tpm2.RC_SIZE || base == Tpm2.RC_VALUE || base == Tpm2.RC_INSUFFICIENT) {
                return new KeyStorageException("TPM key '" + alias + "' is damaged: the TPM refused its files with "
                        + rc + "; delete the key and create a new one", e);
            }
        }
        if (e.operation().equals("Esys_CreatePrimary")) {
            if (base == Tpm2.RC_AUTH_FAIL || base == Tpm2.RC_BAD_AUTH) {
                return new KeyStorageException("cannot " + action + " TPM key '" + alias + "': the TPM's owner hierarchy"
                        + " has a password, which the tpm backend does not support (" + rc + "); repeated attempts"
                        + " count towards the TPM's dictionary-attack lockout", e);
            }
            if (base == Tpm2.RC_HIERARCHY) {
                return new KeyStorageException("cannot " + action + " TPM key '" + alias + "': the TPM's owner hierarchy"
                        + " is disabled (" + rc + "); enable it in the firmware settings", e);
            }
        }
        if (base == Tpm2.RC_OBJECT_MEMORY) {
            return new KeyStorageException("cannot " + action + " TPM key '" + alias + "': the TPM has no room for"
                    + " another key (" + rc + "); other programs may have left keys loaded (tpm2_flushcontext -t)", e);
        }
        if (base == Tpm2.RC_LOCKOUT) {
            return new KeyStorageException("cannot " + action + " TPM key '" + alias + "': the TPM is in"
                    + " dictionary-attack lockout (" + rc + ")", e);
        }
        if (!e.isTpmError()) {
            return new KeyStorageException("cannot " + action + " TPM key '" + alias + "': the TPM did not answer ("
                    + e.operation() + " failed with " + rc + ")", e);
        }
        return new KeyStorageException("cannot " + action + " TPM key '" + alias + "': " + e.operation()
                + " failed with " + rc, e);
    }
}
