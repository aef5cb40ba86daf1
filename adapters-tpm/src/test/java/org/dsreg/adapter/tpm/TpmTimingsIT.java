package org.dsreg.adapter.tpm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.dsreg.testkit.tpm.SwtpmExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the TPM operations take on swtpm (medians), reported to JUnit and written to
 * {@code target/tpm-timings.txt}. Only a sanity bound is asserted: a real TPM is much slower.
 */
class TpmTimingsIT {
    @RegisterExtension
    static final SwtpmExtension tpm = new SwtpmExtension();

    @TempDir
    Path dir;

    @Test
    void measure(TestReporter reporter) throws Exception {
        Map<String, Double> ms = new LinkedHashMap<>();
        int n = 5;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) { // each a new ESYS context, so a new CreatePrimary
            TpmContext c = TpmContext.acquire(tpm.tcti());
            try {
                long s = System.nanoTime();
                c.srkPublic();
                t[i] = (System.nanoTime() - s) / 1e6;
            } finally {
                c.release();
            }
        }
        ms.put("open (TCTI, ESYS, Startup, GetCapability)", time(n, () -> TpmContext.acquire(tpm.tcti()).release()));
        ms.put("CreatePrimary (SRK)", median(t));
        try (KeyStorage storage = TpmTestSupport.open(tpm.swtpm(), dir)) {
            TpmContext c = ((TpmKeyStorage) storage).context();
            TpmContext.Blobs[] made = new TpmContext.Blobs[1];
            ms.put("Create (RSA-2048)", time(n, () -> made[0] = c.create()));
            ms.put("Load + FlushContext", time(20, () -> c.loadAndFlush(made[0])));
            ms.put("Load + Sign RSASSA + FlushContext", time(20, () -> c.sign(made[0], Tpm2.ALG_RSASSA, new byte[32])));
            storage.generate("k");
            byte[] data = "data".getBytes(StandardCharsets.UTF_8);
            ms.put("KeyStorage.generate (Create + 2 files, fsync)", time(5, () -> storage.generate("g" + System.nanoTime())));
            ms.put("KeyStorage.sign PKCS#1 (read, load, sign, flush)",
                    time(20, () -> storage.sign("k", SignatureScheme.RSA_PKCS1_SHA256, data)));
            ms.put("KeyStorage.sign PSS (+ JDK verify)", time(20, () -> storage.sign("k", SignatureScheme.RSA_PSS_SHA256, data)));
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            oaep.init(Cipher.ENCRYPT_MODE, storage.publicKey("k").orElseThrow());
            byte[] ciphertext = oaep.doFinal(new byte[32]);
            ms.put("KeyStorage.decrypt OAEP", time(20, () -> storage.decrypt("k", ciphertext)));
        }
        StringBuilder report = new StringBuilder();
        ms.forEach((k, v) -> {
            report.append(String.format("%-50s %8.1f ms%n", k, v));
            reporter.publishEntry(k, String.format("%.1f ms", v));
        });
        Path out = Path.of("target", "tpm-timings.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        ms.values().forEach(v -> assertTrue(v < 30_000, report.toString()));
    }

    interface Op {
        void run() throws Exception;
    }

    private static double time(int n, Op op) throws Exception {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            op.run();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        return median(t);
    }

    private static double median(double[] t) {
        double[] c = t.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
