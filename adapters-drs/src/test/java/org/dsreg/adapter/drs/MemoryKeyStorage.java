package org.dsreg.adapter.drs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dsreg.domain.KeyProtection;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.dsreg.testkit.TestCertificates;

/** A KeyStorage port double holding JDK key pairs in memory; counts signatures. */
final class MemoryKeyStorage implements KeyStorage {
    final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
    volatile int signatures;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public KeyProtection protection() {
        return new KeyProtection("memory", false, "");
    }

    @Override
    public Optional<PublicKey> publicKey(String alias) {
        return Optional.ofNullable(keys.get(alias)).map(KeyPair::getPublic);
    }

    @Override
    public PublicKey generate(String alias) {
        try {
            KeyPair pair = TestCertificates.rsaKeyPair();
            if (keys.putIfAbsent(alias, pair) != null) {
                throw new KeyStorageException("exists: " + alias);
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new KeyStorageException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] sign(String alias, SignatureScheme scheme, byte[] data) {
        KeyPair pair = keys.get(alias);
        if (pair == null) {
            throw new KeyStorageException("no key " + alias);
        }
        try {
            Signature s = scheme.newSignature();
            s.initSign(pair.getPrivate());
            s.update(data);
            signatures++;
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new KeyStorageException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] decrypt(String alias, byte[] ciphertext) {
        KeyPair pair = keys.get(alias);
        if (pair == null) {
            throw new KeyStorageException("no key " + alias);
        }
        try {
            javax.crypto.Cipher oaep = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            oaep.init(javax.crypto.Cipher.DECRYPT_MODE, pair.getPrivate());
            return oaep.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new KeyStorageException("the ciphertext does not decrypt with key " + alias, e);
        }
    }

    @Override
    public java.util.List<String> aliases() {
        return keys.keySet().stream().sorted().toList();
    }

    @Override
    public boolean delete(String alias) {
        return keys.remove(alias) != null;
    }
}
