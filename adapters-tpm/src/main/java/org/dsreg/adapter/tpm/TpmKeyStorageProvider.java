package org.dsreg.adapter.tpm;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.KeyStorageProvider;

/**
 * The {@code tpm} key-storage backend: RSA-2048 keys generated in the TPM 2.0 under its storage root key,
 * through the system's tpm2-tss libraries ({@code libtss2-esys}, {@code libtss2-tctildr}, {@code libtss2-mu}).
 * The option {@code tcti} picks the TPM (default {@value #DEFAULT_TCTI}; {@code swtpm:host=127.0.0.1,port=P}
 * for the simulator). Key blobs are kept in the context's directory in tpm2-tools format
 * ({@code <alias>.pub}, {@code <alias>.priv}), usable with {@code tpm2_load} under {@code tpm2_createprimary -C o};
 * PRT session keys, imported as keyed-hash objects under the same SRK, as {@code <alias>.session-pub} and
 * {@code <alias>.session-priv}.
 */
public final class TpmKeyStorageProvider implements KeyStorageProvider {
    /** The backend's name. */
    public static final String NAME = "tpm";
    /** The option that names the TCTI. */
    public static final String TCTI_OPTION = "tcti";
    /** The TCTI used when none is given: the kernel's TPM resource manager. */
    public static final String DEFAULT_TCTI = TpmContext.DEFAULT_TCTI;

    public TpmKeyStorageProvider() {
        // cheap by contract: the work is in probe and open
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "keys generated in and bound to the TPM 2.0 (tpm2-tss)";
    }

    @Override
    public Set<KeyStorageCapability> capabilities() {
        return EnumSet.of(KeyStorageCapability.HARDWARE_BACKED, KeyStorageCapability.SESSION_KEY_HMAC);
    }

    @Override
    public Availability probe(KeyStorageContext context) {
        String tcti = tcti(context);
        Optional<String> device = TpmErrors.deviceProblem(tcti);
        if (device.isPresent()) {
            return new Availability.Unusable(device.get());
        }
        TpmContext tpm;
        try {
            tpm = TpmContext.acquire(tcti);
        } catch (TssException e) {
            return new Availability.Unusable(TpmErrors.unavailable(tcti, e));
        }
        try {
            TpmContext.Info info = tpm.info();
            return new Availability.Usable(info.manufacturer() + " firmware " + info.firmware() + ", TCTI " + tcti);
        } catch (TssException e) {
            return new Availability.Unusable(TpmErrors.unavailable(tcti, e));
        } finally {
            tpm.release();
        }
    }

    @Override
    public KeyStorage open(KeyStorageContext context) {
        String tcti = tcti(context);
        Optional<String> device = TpmErrors.deviceProblem(tcti);
        if (device.isPresent()) {
            throw new KeyStorageException(device.get());
        }
        try {
            return new TpmKeyStorage(TpmContext.acquire(tcti), new KeyFiles(context), KeyFiles.sessionKeys(context));
        } catch (TssException e) {
            throw new KeyStorageException(TpmErrors.unavailable(tcti, e), e);
        }
    }

    static String tcti(KeyStorageContext context) {
        return context.option(TCTI_OPTION).map(String::strip).filter(s -> !s.isEmpty()).orElse(DEFAULT_TCTI);
    }
}
