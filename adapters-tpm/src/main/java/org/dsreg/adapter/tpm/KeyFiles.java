package org.dsreg.adapter.tpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.dsreg.port.out.KeyStorageException;

/**
 * The key blobs on disk: {@code <alias>.pub} (TPM2B_PUBLIC) and {@code <alias>.priv} (TPM2B_PRIVATE), the
 * tpm2-tools file formats, in a directory created 0700. Files are written 0600 to a temporary file, synced,
 * then hard-linked to their name, which fails rather than replace an existing file, and the directory is
 * synced. The {@code .pub} file is linked first and is what makes the alias exist. Symbolic links are
 * refused, for the directory and for the files.
 */
final class KeyFiles {
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_FILE = 4096;
    private static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    KeyFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path directory() {
        return dir;
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
        return dir.resolve(alias + ".pub");
    }

    Path privateFile(String alias) {
        return dir.resolve(alias + ".priv");
    }

    boolean exists(String alias) {
        checkDirectory();
        return Files.exists(publicFile(alias), LinkOption.NOFOLLOW_LINKS);
    }

    /** The {@code .pub} bytes, or empty when there is no such key. */
    Optional<byte[]> readPublic(String alias) {
        checkDirectory();
        Path pub = publicFile(alias);
        if (!Files.exists(pub, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(read(alias, pub));
    }

    /** Both blobs, or empty when there is no such key. */
    Optional<TpmContext.Blobs> read(String alias) {
        Optional<byte[]> pub = readPublic(alias);
        if (pub.isEmpty()) {
            return Optional.empty();
        }
        Path priv = privateFile(alias);
        if (!Files.exists(priv, LinkOption.NOFOLLOW_LINKS)) {
            throw new KeyStorageException("TPM key '" + alias + "' is incomplete: " + priv + " is missing;"
                    + " delete the key and create a new one");
        }
        return Optional.of(new TpmContext.Blobs(pub.get(), read(alias, priv)));
    }

    private byte[] read(String alias, Path file) {
        if (Files.isSymbolicLink(file)) {
            throw new KeyStorageException("refusing to read TPM key '" + alias + "': " + file + " is a symbolic link");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (size > MAX_FILE) {
                throw new KeyStorageException("TPM key '" + alias + "' is damaged: " + file + " has " + size
                        + " bytes, more than a TPM key blob; delete the key and create a new one");
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read it all
            }
            if (b.hasRemaining()) {
                throw new IOException("file shrank while being read");
            }
            return b.array();
        } catch (NoSuchFileException e) {
            throw new KeyStorageException("TPM key '" + alias + "' was deleted while being read (" + file + ")", e);
        } catch (IOException e) {
            throw new KeyStorageException("cannot read TPM key '" + alias + "' from " + file + ": " + reason(e), e);
        }
    }

    /**
     * Writes a new key's blobs. Never replaces an existing alias: that, even from a concurrent writer, is a
     * KeyStorageException.
     */
    void create(String alias, TpmContext.Blobs blobs) {
        ensureDirectory();
        Path pub = publicFile(alias);
        Path priv = privateFile(alias);
        Path pubTmp = null;
        Path privTmp = null;
        try {
            pubTmp = writeTemp(alias + ".pub", blobs.tpm2bPublic());
            privTmp = writeTemp(alias + ".priv", blobs.tpm2bPrivate());
            try {
                linkOrFail(pubTmp, pub);
            } catch (FileAlreadyExistsException e) {
                throw alreadyExists(alias);
            }
            try {
                try {
                    linkOrFail(privTmp, priv);
                } catch (FileAlreadyExistsException e) {
                    // a .priv without its .pub (left by a crash): the alias was free, and is ours now
                    Files.move(privTmp, priv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(pub);
                throw e;
            }
            syncDirectory();
        } catch (IOException e) {
            throw new KeyStorageException("cannot save TPM key '" + alias + "' in " + dir + ": " + reason(e), e);
        } finally {
            deleteQuietly(pubTmp);
            deleteQuietly(privTmp);
        }
    }

    static KeyStorageException alreadyExists(String alias) {
        return new KeyStorageException("a key named '" + alias + "' already exists in the TPM key storage;"
                + " it is never replaced (delete it first)");
    }

    /** Deletes both files; true when there was something to delete. */
    boolean delete(String alias) {
        checkDirectory();
        try {
            boolean pub = Files.deleteIfExists(publicFile(alias));
            boolean priv = Files.deleteIfExists(privateFile(alias));
            if (pub || priv) {
                syncDirectory();
            }
            return pub || priv;
        } catch (IOException e) {
            throw new KeyStorageException("cannot delete TPM key '" + alias + "' in " + dir + ": " + reason(e), e);
        }
    }

    /** The aliases with a {@code .pub} file, sorted. */
    List<String> aliases() {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        checkDirectory();
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pub")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String alias = name.substring(0, name.length() - ".pub".length());
                if (ALIAS.matcher(alias).matches() && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(alias);
                }
            }
        } catch (IOException e) {
            throw new KeyStorageException("cannot list the TPM keys in " + dir + ": " + reason(e), e);
        }
        out.sort(null);
        return out;
    }

    private void checkDirectory() {
        if (Files.isSymbolicLink(dir)) {
            throw new KeyStorageException("refusing to use the TPM key directory " + dir + ": it is a symbolic link");
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new KeyStorageException("the TPM key directory " + dir + " is not a directory");
        }
    }

    private void ensureDirectory() {
        checkDirectory();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(dir, DIR_MODE);
            } catch (IOException e) {
                throw new KeyStorageException("cannot create the TPM key directory " + dir + ": " + reason(e), e);
            }
            checkDirectory();
        }
    }

    private Path writeTemp(String name, byte[] bytes) throws IOException {
        Path tmp = dir.resolve("." + name + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), FILE_MODE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        return tmp;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Hard-links {@code target} to {@code tmp}'s file, failing if it exists; a move where links do not work. */
    private static void linkOrFail(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            Files.move(tmp, target); // fails if target exists (checked, then renamed: a narrow race)
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a stray temporary file is harmless: aliases() never lists it
            }
        }
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return m == null ? kind : m;
    }
}
