package org.example.dsreg.passphrase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.dsreg.domain.KeyProtection;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.SignatureScheme;

/**
 * Keys as {@code <alias>.p8} in a 0700 directory, each file 0600 holding
 * {@code salt (16) || iv (12) || AES-256-GCM(PKCS#8)} under a key derived from the passphrase by
 * PBKDF2-HMAC-SHA-256.
 */
final class PassphraseKeyStorage implements KeyStorage {
    private static final String KDF = "PBKDF2WithHmacSHA256";
    private static final int ITERATIONS = 100_000;
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path directory;
    private final Path passphraseFile;
    private final SecureRandom random = new SecureRandom();

    PassphraseKeyStorage(Path directory, Path passphraseFile) {
        this.directory = directory;
        this.passphraseFile = passphraseFile;
    }

    @Override
    public String name() {
        return PassphraseKeyStorageProvider.NAME;
    }

    @Override
    public KeyProtection protection() {
        return new KeyProtection("example passphrase key storage (encrypted PKCS#8)", false, "");
    }

    @Override
    public Optional<PublicKey> publicKey(String alias) {
        if (!Files.exists(file(alias), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        RSAPrivateCrtKey key = privateKey(alias);
        try {
            return Optional.of(KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
        } catch (GeneralSecurityException e) {
            throw new KeyStorageException("key '" + alias + "' is unusable: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized PublicKey generate(String alias) {
        Path file = file(alias);
        try {
            Files.createDirectories(directory.getParent());
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
            KeyPair pair = g.generateKeyPair();
            byte[] salt = new byte[16];
            byte[] iv = new byte[12];
            random.nextBytes(salt);
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, secret(salt), new GCMParameterSpec(128, iv));
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            byte[] sealed = c.doFinal(pkcs8);
            Arrays.fill(pkcs8, (byte) 0);
            byte[] encrypted = new byte[salt.length + iv.length + sealed.length];
            System.arraycopy(salt, 0, encrypted, 0, salt.length);
            System.arraycopy(iv, 0, encrypted, salt.length, iv.length);
            System.arraycopy(sealed, 0, encrypted, salt.length + iv.length, sealed.length);
            // CREATE_NEW: an existing alias is never replaced
            Files.write(file, encrypted, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return pair.getPublic();
        } catch (FileAlreadyExistsException e) {
            throw new KeyStorageException("a key named '" + alias + "' already exists");
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyStorageException("cannot create key '" + alias + "': " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] sign(String alias, SignatureScheme scheme, byte[] data) {
        try {
            Signature s = scheme.newSignature(); // its JCA algorithm and parameters (PSS's) from the SPI
            s.initSign(privateKey(alias));
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new KeyStorageException("cannot sign with key '" + alias + "': " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] decrypt(String alias, byte[] ciphertext) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.DECRYPT_MODE, privateKey(alias), new OAEPParameterSpec("SHA-1", "MGF1",
                    MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
            return c.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new KeyStorageException("cannot decrypt with key '" + alias + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String alias) {
        try {
            return Files.deleteIfExists(file(alias));
        } catch (IOException e) {
            throw new KeyStorageException("cannot delete key '" + alias + "': " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> aliases() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.p8")) {
            files.forEach(f -> out.add(f.getFileName().toString().replaceFirst("\\.p8$", "")));
        } catch (IOException e) {
            throw new KeyStorageException("cannot list keys: " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    private RSAPrivateCrtKey privateKey(String alias) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file(alias));
        } catch (NoSuchFileException e) {
            throw new KeyStorageException("there is no key '" + alias + "'");
        } catch (IOException e) {
            throw new KeyStorageException("cannot read key '" + alias + "': " + e.getMessage(), e);
        }
        try {
            if (bytes.length < 16 + 12 + 16) {
                throw new GeneralSecurityException("too short");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, secret(Arrays.copyOfRange(bytes, 0, 16)),
                    new GCMParameterSpec(128, bytes, 16, 12));
            byte[] pkcs8 = c.doFinal(bytes, 28, bytes.length - 28);
            try {
                return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new KeyStorageException("key '" + alias + "' is corrupt or the passphrase is wrong", e);
        }
    }

    private SecretKey secret(byte[] salt) throws GeneralSecurityException {
        try {
            char[] pass = Files.readString(passphraseFile, StandardCharsets.UTF_8).strip().toCharArray();
            try {
                byte[] key = SecretKeyFactory.getInstance(KDF)
                        .generateSecret(new PBEKeySpec(pass, salt, ITERATIONS, 256)).getEncoded();
                return new SecretKeySpec(key, "AES");
            } finally {
                Arrays.fill(pass, '\0');
            }
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot read the passphrase file " + passphraseFile, e);
        }
    }

    private Path file(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new KeyStorageException("'" + alias + "' is not a valid key alias");
        }
        return directory.resolve(alias + ".p8");
    }
}
