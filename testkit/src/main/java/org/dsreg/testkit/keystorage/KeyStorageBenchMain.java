package org.dsreg.testkit.keystorage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageProvider;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.dsreg.testkit.tpm.Swtpm;

/**
 * Key generation and signing rates of the software and TPM (swtpm) backends, measured in one
 * process and printed with their ratio. Usage: {@code KeyStorageBenchMain [KEYS] [SIGNATURES]}.
 * The backends are found through ServiceLoader, as dsreg finds them.
 */
public final class KeyStorageBenchMain {
    private KeyStorageBenchMain() {
    }

    /** One backend's rates. */
    private record Rates(double keysPerSecond, double signaturesPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int signatures = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Map<String, KeyStorageProvider> providers = new LinkedHashMap<>();
        ServiceLoader.load(KeyStorageProvider.class).forEach(p -> providers.putIfAbsent(p.name(), p));
        for (String needed : List.of("software", "tpm")) {
            if (!providers.containsKey(needed)) {
                System.err.println("the " + needed + " backend is not on the class path");
                System.exit(1);
            }
        }
        Path work = Files.createTempDirectory("dsreg-bench");
        try (Swtpm tpm = Swtpm.start(Files.createDirectories(work.resolve("swtpm")))) {
            Rates software = measure(providers.get("software"), work, Map.of(), keys, signatures);
            Rates hardware = measure(providers.get("tpm"), work, Map.of("tcti", tpm.tcti()), keys, signatures);
            System.out.printf(Locale.ROOT, "key storage rates, %d RSA-2048 keys and %d PKCS#1 signatures each%n",
                    keys, signatures);
            System.out.printf(Locale.ROOT, "  software: %8.2f keys/s %10.1f signatures/s%n",
                    software.keysPerSecond(), software.signaturesPerSecond());
            System.out.printf(Locale.ROOT, "  tpm:      %8.2f keys/s %10.1f signatures/s  (swtpm on loopback)%n",
                    hardware.keysPerSecond(), hardware.signaturesPerSecond());
            System.out.printf(Locale.ROOT, "  ratio tpm/software: keys %.3f, signatures %.3f%n",
                    hardware.keysPerSecond() / software.keysPerSecond(),
                    hardware.signaturesPerSecond() / software.signaturesPerSecond());
        }
        System.exit(0);
    }

    private static Rates measure(KeyStorageProvider provider, Path work, Map<String, String> options, int keys,
                                 int signatures) {
        KeyStorageContext ctx = new KeyStorageContext(work.resolve("keys").resolve(provider.name()), options);
        try (KeyStorage storage = provider.open(ctx)) {
            storage.generate("warm-up"); // the first use pays for loading libraries and the SRK
            storage.sign("warm-up", SignatureScheme.RSA_PKCS1_SHA256, new byte[] {0});
            List<String> aliases = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < keys; i++) {
                String alias = "key-" + i;
                storage.generate(alias);
                aliases.add(alias);
            }
            long t1 = System.nanoTime();
            byte[] message = "dsreg benchmark".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < signatures; i++) {
                storage.sign(aliases.get(i % aliases.size()), SignatureScheme.RSA_PKCS1_SHA256, message);
            }
            long t2 = System.nanoTime();
            return new Rates(keys / ((t1 - t0) / 1e9), signatures / ((t2 - t1) / 1e9));
        }
    }
}
