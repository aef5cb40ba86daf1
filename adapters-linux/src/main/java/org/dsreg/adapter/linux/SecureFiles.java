package org.dsreg.adapter.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * File operations for state and keys: private directories (0700), private files (0600), atomic
 * replacement (temp file, fsync, rename, fsync of the directory), and no symbolic links followed.
 */
final class SecureFiles {
    static final Set<PosixFilePermission> DIR_0700 = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_0600 = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_0755 = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> FILE_0644 = PosixFilePermissions.fromString("rw-r--r--");
    /** No state, key or certificate file of ours is anywhere near this size. */
    static final long MAX_STATE_FILE = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureFiles() {
    }

    /** Creates the directory (and missing parents) as 0700; refuses a symbolic link. */
    static void ensurePrivateDirectory(Path dir) throws IOException {
        ensureDirectory(dir, DIR_0700);
    }

    /** Creates the directory (and missing parents) with the given mode; refuses a symbolic link. */
    static void ensureDirectory(Path dir, Set<PosixFilePermission> mode) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link; refusing to use it");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.getParent();
            if (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
                ensureDirectory(parent, mode);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(mode));
            } catch (FileAlreadyExistsException raced) {
                // created by someone else meanwhile: checked below like any existing directory
            }
            Files.setPosixFilePermissions(dir, mode); // the umask may have narrowed it
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
    }

    /** Replaces {@code target} atomically with {@code content}, with the given mode. */
    static void writeAtomically(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(FILE_0600))) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.setPosixFilePermissions(temp, mode);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically", e);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes a regular file without following a symbolic link; true when it was there. */
    static boolean deleteRegularFile(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file; refusing to delete it");
        }
        Files.delete(file);
        fsyncDirectory(file.getParent());
        return true;
    }

    /**
     * Reads a private file: a regular file (not a link) that neither group nor others can read
     * or write. ssh refuses such key files too; so do we.
     */
    static byte[] readPrivateFile(Path file) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isRegularFile()) {
            throw new IOException(file + " is not a regular file");
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
                throw new IOException("permissions " + PosixFilePermissions.toString(perms) + " for " + file
                        + " are too open; it must not be accessible by group or others (chmod 600)");
            }
        }
        return readNoFollow(file);
    }

    /** Reads a file's bytes, refusing to follow a symbolic link at the last path element. */
    static byte[] readNoFollow(Path file) throws IOException {
        try (var ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (size > MAX_STATE_FILE) {
                throw new IOException(file + " is too large (" + size + " bytes)");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            return java.util.Arrays.copyOf(buf.array(), buf.position());
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
