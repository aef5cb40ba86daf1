package org.dsreg.spi.state;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dsreg.domain.Remedy;

/**
 * A directory of dsreg's state, held open ({@link StateTree} opens it). Every read, write, listing
 * and removal names one element relative to the open directory and never follows a link there:
 * openat with O_NOFOLLOW, fstatat, renameat, unlinkat. Files are replaced atomically (a temporary
 * file, synced, renamed over the name, the directory synced). The one way dsreg touches its state,
 * for the Linux adapters and every key-storage backend alike.
 */
public final class StateDirectory implements Closeable {
    /** No state, key or certificate file of ours comes near this size. */
    public static final long MAX_FILE = 1 << 20;
    public static final Set<PosixFilePermission> DIR_0700 = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> DIR_0755 = PosixFilePermissions.fromString("rwxr-xr-x");
    public static final Set<PosixFilePermission> FILE_0600 = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> FILE_0644 = PosixFilePermissions.fromString("rw-r--r--");
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final SecureDirectoryStream<Path> dir;
    private final Path path;

    StateDirectory(SecureDirectoryStream<Path> dir, Path path) {
        this.dir = dir;
        this.path = path;
    }

    /** Where this directory is, for messages. */
    public Path path() {
        return path;
    }

    /** A subdirectory, opened and checked; empty when there is none. */
    public Optional<StateDirectory> directory(String name) {
        Path child = child(name);
        PosixFileAttributes attrs = attributesOrFail(name, child);
        if (attrs == null) {
            return Optional.empty();
        }
        return Optional.of(openDirectory(name, child, attrs));
    }

    /**
     * A subdirectory, made with {@code mode} when missing. An existing one asked for with a private
     * mode (no group or other bits) loses its group and other bits when we own it.
     */
    public StateDirectory createDirectory(String name, Set<PosixFilePermission> mode) {
        Path child = child(name);
        boolean made = false;
        try {
            PosixFileAttributes attrs = attributesOrFail(name, child);
            if (attrs == null) {
                try {
                    Files.createDirectory(child, PosixFilePermissions.asFileAttribute(mode));
                    made = true;
                } catch (FileAlreadyExistsException raced) {
                    // made meanwhile: checked below like any directory found
                }
                attrs = attributesOrFail(name, child);
                if (attrs == null) {
                    throw new NoSuchFileException(child.toString());
                }
            }
            StateDirectory sub = openDirectory(name, child, attrs);
            try {
                PosixFileAttributeView view = sub.dir.getFileAttributeView(PosixFileAttributeView.class);
                if (made) {
                    view.setPermissions(mode); // fchmod: the umask may have narrowed it
                } else if (StateChecks.isPrivate(mode) && !StateChecks.isPrivate(attrs.permissions())
                        && StateChecks.owner(child) == StateTree.Owners.US) {
                    Set<PosixFilePermission> tightened = EnumSet.noneOf(PosixFilePermission.class);
                    attrs.permissions().stream().filter(p -> !StateChecks.groupOrOthers(p)).forEach(tightened::add);
                    view.setPermissions(tightened);
                }
            } catch (IOException | RuntimeException e) {
                sub.close();
                throw e;
            }
            return sub;
        } catch (IOException e) {
            throw StateChecks.failure(child, e);
        }
    }

    private StateDirectory openDirectory(String name, Path child, PosixFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            throw StateTreeException.link(child);
        }
        if (!attrs.isDirectory()) {
            throw StateTreeException.notDirectory(child);
        }
        try {
            SecureDirectoryStream<Path> sub = StateChecks.openChild(dir, name, child);
            try {
                StateChecks.checkDirectory(sub, child, false);
            } catch (RuntimeException | IOException e) {
                sub.close();
                throw e;
            }
            return new StateDirectory(sub, child);
        } catch (IOException e) {
            throw StateChecks.failure(child, e);
        }
    }

    /** Whether {@code name} exists (a link there is an error, not a yes or a no). */
    public boolean exists(String name) {
        PosixFileAttributes attrs = attributesOrFail(name, child(name));
        if (attrs != null && attrs.isSymbolicLink()) {
            throw StateTreeException.link(child(name));
        }
        return attrs != null;
    }

    /** The names in this directory (every kind of entry), sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        try (SecureDirectoryStream<Path> again = dir.newDirectoryStream(Path.of("."), NOFOLLOW)) {
            again.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw StateChecks.failure(path, e);
        }
        names.sort(null);
        return names;
    }

    /** The names of the regular files in this directory (no links, no directories), sorted. */
    public List<String> regularFiles() {
        List<String> files = new ArrayList<>();
        for (String name : names()) {
            PosixFileAttributes attrs = attributesOrFail(name, path.resolve(name));
            if (attrs != null && attrs.isRegularFile()) {
                files.add(name);
            }
        }
        return files;
    }

    /** A regular file's bytes; empty when there is none. */
    public Optional<byte[]> read(String name) {
        return read(name, false);
    }

    /**
     * A private file's bytes (a key): as {@link #read}, and refused when group or others can read or
     * write it, as ssh refuses such a key file.
     */
    public Optional<byte[]> readPrivate(String name) {
        return read(name, true);
    }

    private Optional<byte[]> read(String name, boolean secret) {
        Path file = child(name);
        PosixFileAttributes attrs = attributesOrFail(name, file);
        if (attrs == null) {
            return Optional.empty();
        }
        requireRegularFile(attrs, file);
        if (secret && !StateChecks.isPrivate(attrs.permissions())) {
            throw new StateTreeException(StateTreeException.Rule.TOO_OPEN, file, "permissions "
                    + PosixFilePermissions.toString(attrs.permissions()) + " for " + file + " are too open; it must not"
                    + " be accessible by group or others", Remedy.say("chmod 600 " + file), null);
        }
        try (SeekableByteChannel ch = dir.newByteChannel(Path.of(name), Set.of(StandardOpenOption.READ, NOFOLLOW))) {
            long size = ch.size();
            if (size > MAX_FILE) {
                throw new StateTreeException(StateTreeException.Rule.TOO_LARGE, file, file + " is too large (" + size
                        + " bytes) to be a file of dsreg's", Remedy.say("move it away"), null);
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            byte[] bytes = Arrays.copyOf(buf.array(), buf.position());
            Arrays.fill(buf.array(), (byte) 0);
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed meanwhile
        } catch (IOException e) {
            throw StateChecks.failure(file, e);
        }
    }

    /** Replaces {@code name} atomically with {@code content} and the mode (a link there is replaced, never followed). */
    public void replace(String name, byte[] content, Set<PosixFilePermission> mode) {
        Path file = child(name);
        PosixFileAttributes attrs = attributesOrFail(name, file);
        if (attrs != null && attrs.isDirectory()) {
            throw StateTreeException.notRegularFile(file);
        }
        StateWrites.publish(dir, path, child(name), name, content, mode, false);
    }

    /**
     * Creates {@code name} with {@code content} and the mode, whole or not at all, never in place of
     * an existing entry (even one made concurrently): false, and nothing written, when the name is taken.
     */
    public boolean create(String name, byte[] content, Set<PosixFilePermission> mode) {
        return StateWrites.publish(dir, path, child(name), name, content, mode, true);
    }

    /** Removes a regular file; false when there was none. A link or a directory there is an error. */
    public boolean delete(String name) {
        Path file = child(name);
        PosixFileAttributes attrs = attributesOrFail(name, file);
        if (attrs == null) {
            return false;
        }
        requireRegularFile(attrs, file);
        try {
            dir.deleteFile(Path.of(name)); // unlinkat: were it swapped for a link meanwhile, the link goes
            StateWrites.sync(dir);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw StateChecks.failure(file, e);
        }
    }

    /** Removes an empty subdirectory (rmdir relative to this one); false when there was none. A link is an error. */
    public boolean deleteDirectory(String name) {
        Path child = child(name);
        PosixFileAttributes attrs = attributesOrFail(name, child);
        if (attrs != null && (attrs.isSymbolicLink() || !attrs.isDirectory())) {
            throw attrs.isSymbolicLink() ? StateTreeException.link(child) : StateTreeException.notDirectory(child);
        }
        return attrs != null && StateWrites.removeDirectory(dir, name, child);
    }

    /** Opens (creating 0600 when missing) a file to lock, never through a link. */
    public FileChannel lockFile(String name) {
        Path file = child(name);
        try {
            return (FileChannel) dir.newByteChannel(Path.of(name), Set.<OpenOption>of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, NOFOLLOW), PosixFilePermissions.asFileAttribute(FILE_0600));
        } catch (IOException e) {
            throw StateChecks.failure(file, e);
        }
    }

    @Override
    public void close() {
        try {
            dir.close();
        } catch (IOException ignored) {
            // nothing to do about a descriptor that does not close
        }
    }

    private Path child(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new StateTreeException(StateTreeException.Rule.INVALID_NAME, path, "'" + name
                    + "' is not a file name in " + path, null, null);
        }
        return path.resolve(name);
    }

    private PosixFileAttributes attributesOrFail(String name, Path file) {
        try {
            return StateChecks.attributes(dir, name, file);
        } catch (IOException e) {
            throw StateChecks.failure(file, e);
        }
    }

    private static void requireRegularFile(PosixFileAttributes attrs, Path file) {
        if (attrs.isSymbolicLink()) {
            throw StateTreeException.link(file);
        }
        if (!attrs.isRegularFile()) {
            throw StateTreeException.notRegularFile(file);
        }
    }
}
