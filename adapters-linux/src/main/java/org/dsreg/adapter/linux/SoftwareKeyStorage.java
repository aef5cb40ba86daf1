package org.dsreg.adapter.linux;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.dsreg.domain.KeyProtection;
import org.dsreg.domain.KeyRef;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.dsreg.spi.state.StateDirectory;

/**
 * Keys as PKCS#8 PEM files, {@code <state>/keys/software/<alias>.pem}, mode 0600 in a 0700
 * directory. A key file that group or others can access is refused, as ssh refuses one. PRT session
 * keys are files of their own there ({@link SoftwareSessionKeys}).
 */
final class SoftwareKeyStorage implements KeyStorage {
    static final String NAME = "software";
    private static final String SUFFIX = ".pem";
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private final KeyStorageContext context;
    private final Path directory;
    private final SoftwareSessionKeys sessionKeys;

    /** Keys in the context's directory (normally {@code <state>/keys/software}), created 0700 when a key is made. */
    SoftwareKeyStorage(KeyStorageContext context) {
        this.context = context;
        this.directory = context.directory();
        this.sessionKeys = new SoftwareSessionKeys(context);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KeyProtection protection() {
        return new KeyProtection("dsreg software key storage (PKCS#8 files)", false, "");
    }

    @Override
    public Optional<PublicKey> publicKey(String alias) {
        String file = fileName(alias);
        try (StateDirectory dir = context.openDirectory().orElse(null)) {
            if (dir == null || !dir.exists(file)) {
                return Optional.empty();
            }
        }
        return Optional.of(withPrivateKey(alias, "read", key -> KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()))));
    }

    @Override
    public byte[] sign(String alias, SignatureScheme scheme, byte[] data) {
        return withPrivateKey(alias, "sign with", key -> {
            Signature signature = scheme.newSignature();
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        });
    }

    @Override
    public byte[] decrypt(String alias, byte[] ciphertext) {
        return withPrivateKey(alias, "decrypt with", key -> {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
                    PSource.PSpecified.DEFAULT));
            return cipher.doFinal(ciphertext);
        });
    }

    @Override
    public List<String> aliases() {
        return SoftwareSessionKeys.aliases(context, SUFFIX);
    }

    @Override
    public void importSessionKey(String alias, byte[] sessionKey) {
        sessionKeys.importKey(alias, sessionKey);
    }

    @Override
    public byte[] sessionKeyHmac(String alias, byte[] message) {
        return sessionKeys.hmac(alias, message);
    }

    @Override
    public boolean deleteSessionKey(String alias) {
        return sessionKeys.delete(alias);
    }

    @Override
    public List<String> sessionKeyAliases() {
        return sessionKeys.aliases();
    }

    /** What is done with a private key, which may fail in the JCA. */
    private interface KeyUse<T> {
        T apply(RSAPrivateCrtKey key) throws GeneralSecurityException;
    }

    /** Reads the key file (private, no link), parses it, uses it, and wipes the file's bytes. */
    private <T> T withPrivateKey(String alias, String what, KeyUse<T> use) {
        String file = fileName(alias);
        byte[] pem = SoftwareSessionKeys.readPrivate(context, file).orElseThrow(() -> new KeyStorageException(
                "there is no key '" + alias + "' in " + directory));
        RSAPrivateCrtKey key;
        try {
            key = parse(pem);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyStorageException("key file " + directory.resolve(file) + " is not a PKCS#8 RSA private key", e);
        } finally {
            Arrays.fill(pem, (byte) 0);
        }
        try {
            return use.apply(key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyStorageException("cannot " + what + " key '" + alias + "': " + e.getMessage(), e);
        }
    }

    @Override
    public PublicKey generate(String alias) {
        String file = fileName(alias);
        try (StateDirectory dir = context.createDirectory()) {
            if (dir.exists(file)) {
                throw alreadyExists(alias);
            }
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
            KeyPair pair = gen.generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8);
            byte[] pem = ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n")
                    .getBytes(StandardCharsets.US_ASCII);
            try {
                if (!dir.create(file, pem, StateDirectory.FILE_0600)) { // never replaces a key made meanwhile
                    throw alreadyExists(alias);
                }
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
                Arrays.fill(pem, (byte) 0);
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new KeyStorageException("cannot create key '" + alias + "' in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    private KeyStorageException alreadyExists(String alias) {
        return new KeyStorageException("a key named '" + alias + "' already exists in " + directory);
    }

    @Override
    public boolean delete(String alias) {
        String file = fileName(alias);
        try (StateDirectory dir = context.openDirectory().orElse(null)) {
            return dir != null && dir.delete(file);
        }
    }

    private static String fileName(String alias) {
        new KeyRef(NAME, alias); // validates the alias: no separators, no leading dot
        return alias + SUFFIX;
    }

    private static RSAPrivateCrtKey parse(byte[] pem) throws GeneralSecurityException {
        Matcher m = PEM.matcher(new String(pem, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new GeneralSecurityException("no PKCS#8 PEM block");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        try {
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey k) {
                return k;
            }
            throw new GeneralSecurityException("not an RSA CRT private key");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }
}
