package org.dsreg.spi.state;

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
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * How {@link StateDirectory} writes a file whole: a temporary file made with O_EXCL|O_NOFOLLOW
 * (0600, whatever the mode to be), written and synced, given its mode, then renamed over the name
 * (replace) or linked to it (create, never over an existing entry); the directory synced last.
 */
final class StateWrites {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StateWrites() {
    }

    static boolean publish(SecureDirectoryStream<Path> dir, Path path, Path file, String name, byte[] content,
                           Set<PosixFilePermission> mode, boolean onlyNew) {
        String temp = "." + name + "." + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".tmp";
        try {
            try (SeekableByteChannel ch = dir.newByteChannel(Path.of(temp), Set.<OpenOption>of(
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW),
                    PosixFilePermissions.asFileAttribute(StateDirectory.FILE_0600))) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ((FileChannel) ch).force(true);
            }
            dir.getFileAttributeView(Path.of(temp), PosixFileAttributeView.class, NOFOLLOW).setPermissions(mode);
            if (onlyNew) {
                return link(dir, path, temp, name, file);
            }
            dir.move(Path.of(temp), dir, Path.of(name)); // renameat: atomic, and a link there is replaced
            sync(dir);
            return true;
        } catch (IOException e) {
            throw StateChecks.failure(file, e);
        } finally {
            try {
                dir.deleteFile(Path.of(temp));
            } catch (IOException gone) {
                // renamed, or never made
            }
        }
    }

    /**
     * Publishes the temporary file under {@code name} with link(2), which fails when the name is
     * taken (by anything, a link included) where a rename would replace it. The JDK has no linkat,
     * so the link is made by path, and then proven to have landed in this open directory: the name
     * and the temporary file must be the same inode, seen relative to the descriptor.
     */
    private static boolean link(SecureDirectoryStream<Path> dir, Path path, String temp, String name, Path file)
            throws IOException {
        try {
            Files.createLink(file, path.resolve(temp));
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
        PosixFileAttributes made = StateChecks.attributes(dir, name, file);
        PosixFileAttributes source = StateChecks.attributes(dir, temp, file);
        if (made == null || source == null || !made.fileKey().equals(source.fileKey())) {
            throw new StateTreeException(StateTreeException.Rule.IO, file, file + " changed while it was written;"
                    + " the directory was moved or replaced meanwhile", null, null);
        }
        sync(dir);
        return true;
    }

    /**
     * unlinkat(AT_REMOVEDIR) of an empty directory: a link swapped in meanwhile is not removed (ENOTDIR), a
     * directory with content is a failure; false when it was gone meanwhile.
     */
    static boolean removeDirectory(SecureDirectoryStream<Path> dir, String name, Path child) {
        try {
            dir.deleteDirectory(Path.of(name));
            sync(dir);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw new StateTreeException(StateTreeException.Rule.IO, child, child + " is not empty", null, e);
        } catch (IOException e) {
            throw StateChecks.failure(child, e);
        }
    }

    /** fsync of the directory itself, opened relative to its own descriptor. */
    static void sync(SecureDirectoryStream<Path> dir) throws IOException {
        try (SeekableByteChannel self = dir.newByteChannel(Path.of("."), Set.of(StandardOpenOption.READ))) {
            ((FileChannel) self).force(true);
        }
    }
}
