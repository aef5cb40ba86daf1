package org.dsreg.adapter.linux;

import org.dsreg.port.out.SessionKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.KeyRef;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.state.StateDirectory;

/**
 * The software backend's PRT session keys: each the 32 raw bytes of {@code <alias>.session-key}, mode 0600 in
 * the backend's 0700 directory, beside the {@code .pem} key files but never taken for one (the suffixes differ,
 * and neither ends the other). Written whole and never over an existing entry, read through the state tree (no
 * link followed, a file group or others can reach refused), and used for HMAC-SHA256 in the JDK. No key byte
 * is kept in a field: each use reads the file, and the copies are wiped.
 */
final class SoftwareSessionKeys {
    static final String SUFFIX = ".session-key";
    /** The length of a PRT session key (the {@code session_key_jwe}'s content is a 256-bit key). */
    static final int KEY_BYTES = 32;

    private final KeyStorageContext context;
    private final Path directory;

    SoftwareSessionKeys(KeyStorageContext context) {
        this.context = context;
        this.directory = context.directory();
    }

    void importKey(String alias, byte[] sessionKey) {
        String file = fileName(alias);
        if (sessionKey == null || sessionKey.length != KEY_BYTES) {
            throw new KeyStorageException("a PRT session key has " + KEY_BYTES + " bytes, not "
                    + (sessionKey == null ? 0 : sessionKey.length) + "; session key '" + alias + "' not kept");
        }
        byte[] copy = sessionKey.clone(); // the caller may clear its array while the file is written
        try (StateDirectory dir = context.createDirectory()) {
            if (dir.exists(file) || !dir.create(file, copy, StateDirectory.FILE_0600)) {
                throw new KeyStorageException("a session key named '" + alias + "' already exists in " + directory
                        + "; it is never replaced (delete it first)");
            }
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    byte[] hmac(String alias, byte[] message) {
        String file = fileName(alias);
        byte[] key = readPrivate(context, file).orElseThrow(() -> new KeyStorageException(
                "there is no session key '" + alias + "' in " + directory));
        try {
            if (key.length != KEY_BYTES) {
                throw new KeyStorageException("session key file " + directory.resolve(file) + " is damaged ("
                        + key.length + " bytes, not " + KEY_BYTES + "); delete it and acquire a new PRT");
            }
            return SessionKey.hmacSha256(key, message);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** A private file of the backend's directory (no link followed, refused when group or others can reach it). */
    static Optional<byte[]> readPrivate(KeyStorageContext context, String file) {
        try (StateDirectory dir = context.openDirectory().orElse(null)) {
            return dir == null ? Optional.empty() : dir.readPrivate(file);
        }
    }

    boolean delete(String alias) {
        String file = fileName(alias);
        try (StateDirectory dir = context.openDirectory().orElse(null)) {
            return dir != null && dir.delete(file);
        }
    }

    List<String> aliases() {
        return aliases(context, SUFFIX);
    }

    /** The valid aliases of the regular files named {@code <alias><suffix>} in the backend's directory, sorted. */
    static List<String> aliases(KeyStorageContext context, String suffix) {
        List<String> aliases = new ArrayList<>();
        try (StateDirectory dir = context.openDirectory().orElse(null)) {
            if (dir == null) {
                return List.of();
            }
            for (String name : dir.regularFiles()) {
                if (name.endsWith(suffix)) {
                    String alias = name.substring(0, name.length() - suffix.length());
                    if (KeyRef.isValidAlias(alias)) {
                        aliases.add(alias);
                    }
                }
            }
        }
        aliases.sort(null);
        return aliases;
    }

    private static String fileName(String alias) {
        if (!KeyRef.isValidAlias(alias)) { // no separators, no leading dot: the alias is a file name
            throw new KeyStorageException("'" + printable(alias) + "' is not a valid session key alias: use 1 to 128"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return alias + SUFFIX;
    }

    private static String printable(String alias) {
        if (alias == null) {
            return "";
        }
        String cut = alias.length() > 40 ? alias.substring(0, 40) + "..." : alias;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
