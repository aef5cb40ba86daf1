package org.dsreg.adapter.linux;

import com.sun.security.auth.module.UnixSystem;
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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * File operations for state and keys: directories created without following symbolic links
 * (private ones 0700, their parents 0755), private files (0600), atomic replacement (temp file,
 * fsync, rename, fsync of the directory), and no symbolic links followed.
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

    /** {@link #ensureDirectory} with mode 0700. */
    static void ensurePrivateDirectory(Path dir) throws IOException {
        ensureDirectory(dir, DIR_0700);
    }

    /**
     * Makes sure {@code dir} is a directory, never through a symbolic link.
     *
     * <ul>
     * <li>A missing directory is created with {@code mode}; its missing parents are created 0755
     *     (never with the child's mode: a private keys directory must not make the state directory
     *     above it unreadable to other users).</li>
     * <li>Below the first existing ancestor, every level this creates or finds already created (by
     *     a concurrent process) must be a real directory; a symbolic link there is refused. So is
     *     {@code dir} itself when it exists. Callers that own a tree ensure it level by level from
     *     its top, so that each level is checked.</li>
     * <li>An existing directory asked for with a private mode (no group or other bits) is refused
     *     when another user owns it, and loses its group and other bits when we own it.</li>
     * </ul>
     */
    static void ensureDirectory(Path dir, Set<PosixFilePermission> mode) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing);
            existing = existing.getParent();
        }
        if (missing.isEmpty()) {
            requireRealDirectory(dir);
            if (isPrivate(mode)) {
                keepPrivate(dir);
            }
            return;
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new IOException(existing + " is not a directory");
        }
        while (!missing.isEmpty()) {
            Path level = missing.pop();
            Set<PosixFilePermission> levelMode = missing.isEmpty() ? mode : DIR_0755;
            boolean created = true;
            try {
                Files.createDirectory(level, PosixFilePermissions.asFileAttribute(levelMode));
            } catch (FileAlreadyExistsException raced) {
                created = false; // made by someone else meanwhile: checked like any directory we walk
            }
            requireRealDirectory(level);
            if (created) {
                setPermissions(level, levelMode); // the umask may have narrowed it
            } else if (isPrivate(levelMode)) {
                keepPrivate(level);
            }
        }
    }

    private static void requireRealDirectory(Path dir) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isSymbolicLink()) {
            throw new IOException(dir + " is a symbolic link; refusing to use it");
        }
        if (!attrs.isDirectory()) {
            throw new IOException(dir + " is not a directory");
        }
    }

    private static boolean isPrivate(Set<PosixFilePermission> mode) {
        return mode.stream().noneMatch(SecureFiles::groupOrOthers);
    }

    private static boolean groupOrOthers(PosixFilePermission p) {
        return p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_");
    }

    /** An existing directory for private files: ours, and closed to group and others. */
    private static void keepPrivate(Path dir) throws IOException {
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        long us = new UnixSystem().getUid();
        if (owner != us) {
            throw new IOException(dir + " belongs to another user (uid " + owner + "); refusing to keep private"
                    + " files in it");
        }
        Set<PosixFilePermission> perms = Files.readAttributes(dir, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).permissions();
        if (perms.stream().anyMatch(SecureFiles::groupOrOthers)) {
            Set<PosixFilePermission> tightened = EnumSet.noneOf(PosixFilePermission.class);
            perms.stream().filter(p -> !groupOrOthers(p)).forEach(tightened::add);
            setPermissions(dir, tightened);
        }
    }

    /** chmod without following a symbolic link. */
    private static void setPermissions(Path path, Set<PosixFilePermission> mode) throws IOException {
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
    }

    /** Replaces {@code target} atomically with {@code content}, with the given mode. */
    static void writeAtomically(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.getParent();
        Path temp = writeTemp(target, content, mode);
        try {
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

    /**
     * Creates {@code target} with {@code content} and the given mode, whole or not at all, and
     * never in place of an existing file: the content is written and synced to a temporary file,
     * which is then published by a hard link (link(2) fails when the target exists, where a rename
     * would replace it); the directory is synced last.
     *
     * @throws FileAlreadyExistsException when {@code target} exists (it is left as it was)
     */
    static void writeNew(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.getParent();
        Path temp = writeTemp(target, content, mode);
        try {
            Files.createLink(target, temp);
            Files.delete(temp);
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A new temporary file next to {@code target} holding {@code content}, synced, with the mode. */
    private static Path writeTemp(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path temp = target.getParent().resolve("." + target.getFileName() + "."
                + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(FILE_0600))) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            setPermissions(temp, mode);
            return temp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
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
