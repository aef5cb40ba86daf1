package org.dsreg.adapter.tpm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.state.StateDirectory;

/**
 * The key blobs on disk: {@code <alias>.pub} (TPM2B_PUBLIC) and {@code <alias>.priv} (TPM2B_PRIVATE), the
 * tpm2-tools file formats, in the backend's directory (0700), reached through the state tree: relative to
 * the open directory, never through a link. Each file is written whole (temporary file, synced, renamed)
 * and the {@code .pub}, which makes the alias exist, is published first and never over an existing one
 * (link(2)); then the {@code .priv} (an orphan {@code .priv} left by a crash is replaced).
 */
final class KeyFiles {
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_FILE = 4096;

    private final KeyStorageContext context;
    private final String pub;
    private final String priv;
    private final String kind;

    /** The RSA keys' blobs: {@code <alias>.pub}, {@code <alias>.priv}. */
    KeyFiles(KeyStorageContext context) {
        this(context, ".pub", ".priv", "key");
    }

    private KeyFiles(KeyStorageContext context, String pub, String priv, String kind) {
        this.context = context;
        this.pub = pub;
        this.priv = priv;
        this.kind = kind;
    }

    /**
     * The PRT session keys' blobs: {@code <alias>.session-pub}, {@code <alias>.session-priv}, in the same directory
     * and written the same way; neither suffix ends with {@code .pub} or {@code .priv}, so the two sets of aliases
     * stay apart.
     */
    static KeyFiles sessionKeys(KeyStorageContext context) {
        return new KeyFiles(context, ".session-pub", ".session-priv", "session key");
    }

    /** Blobs in {@code dir}, itself the top of the link-free tree (tests). */
    KeyFiles(Path dir) {
        this(new KeyStorageContext(dir, Map.of()));
    }

    Path directory() {
        return context.directory();
    }

    /** Fails unless the alias is 1 to 128 letters, digits, '.', '_' or '-', not starting with '.', '_' or '-'. */
    static void checkAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new KeyStorageException("invalid key alias " + printable(alias)
                    + ": use 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static String printable(String s) {
        if (s == null) {
            return "(none)";
        }
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    Path publicFile(String alias) {
        return directory().resolve(alias + pub);
    }

    Path privateFile(String alias) {
        return directory().resolve(alias + priv);
    }

    boolean exists(String alias) {
        try (StateDirectory dir = context.openDirectory().orElse(null)) {
            return dir != null && dir.exists(alias + pub);
        }
    }

    /** The {@code .pub} bytes, or empty when there is no such key. */
    Optional<byte[]> readPublic(String alias) {
        try (StateDirectory dir = context.openDirectory().orElse(null)) {
            return dir == null ? Optional.empty() : dir.read(alias + pub).map(b -> sized(alias, b, pub));
        }
    }

    /** Both blobs, or empty when there is no such key. */
    Optional<TpmContext.Blobs> read(String alias) {
        try (StateDirectory dir = context.openDirectory().orElse(null)) {
            if (dir == null) {
                return Optional.empty();
            }
            Optional<byte[]> publicBlob = dir.read(alias + pub);
            if (publicBlob.isEmpty()) {
                return Optional.empty();
            }
            byte[] privateBlob = dir.read(alias + priv).orElseThrow(() -> new KeyStorageException("TPM " + kind + " '"
                    + alias + "' is incomplete: " + privateFile(alias) + " is missing;"
                    + " delete the " + kind + " and create a new one"));
            return Optional.of(new TpmContext.Blobs(sized(alias, publicBlob.get(), pub), sized(alias, privateBlob, priv)));
        }
    }

    private byte[] sized(String alias, byte[] bytes, String suffix) {
        if (bytes.length > MAX_FILE) {
            throw new KeyStorageException("TPM " + kind + " '" + alias + "' is damaged: " + directory().resolve(alias + suffix)
                    + " has " + bytes.length + " bytes, more than a TPM key blob; delete the " + kind
                    + " and create a new one");
        }
        return bytes;
    }

    /**
     * Writes a new key's blobs. Never replaces an existing alias: that is a KeyStorageException. A
     * {@code .priv} without its {@code .pub} (left by a crash) does not make the alias exist, and is
     * replaced.
     */
    void create(String alias, TpmContext.Blobs blobs) {
        try (StateDirectory dir = context.createDirectory()) {
            if (dir.exists(alias + pub)) {
                throw alreadyExists(alias);
            }
            if (!dir.create(alias + pub, blobs.tpm2bPublic(), StateDirectory.FILE_0600)) {
                throw alreadyExists(alias); // taken, even by a concurrent creator: the alias is theirs
            }
            try {
                dir.replace(alias + priv, blobs.tpm2bPrivate(), StateDirectory.FILE_0600);
            } catch (RuntimeException e) {
                dir.delete(alias + pub);
                throw e;
            }
        }
    }

    KeyStorageException alreadyExists(String alias) {
        return new KeyStorageException("a " + kind + " named '" + alias + "' already exists in the TPM key storage;"
                + " it is never replaced (delete it first)");
    }

    /** Deletes both files; true when there was something to delete. */
    boolean delete(String alias) {
        try (StateDirectory dir = context.openDirectory().orElse(null)) {
            if (dir == null) {
                return false;
            }
            boolean publicGone = dir.delete(alias + pub);
            boolean privateGone = dir.delete(alias + priv);
            return publicGone || privateGone;
        }
    }

    /** The aliases with a {@code .pub} (or {@code .session-pub}) file, sorted. */
    List<String> aliases() {
        List<String> out = new ArrayList<>();
        try (StateDirectory dir = context.openDirectory().orElse(null)) {
            if (dir == null) {
                return List.of();
            }
            for (String name : dir.regularFiles()) {
                if (name.endsWith(pub)) {
                    String alias = name.substring(0, name.length() - pub.length());
                    if (ALIAS.matcher(alias).matches()) {
                        out.add(alias);
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }
}
