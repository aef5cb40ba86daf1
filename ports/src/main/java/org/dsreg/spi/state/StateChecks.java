package org.dsreg.spi.state;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dsreg.domain.Remedy;

/** The checks {@link StateTree} and {@link StateDirectory} make on what they open. */
final class StateChecks {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private StateChecks() {
    }

    /** fstatat without following a link; null when there is nothing. */
    static PosixFileAttributes attributes(SecureDirectoryStream<Path> dir, String name, Path forMessages)
            throws IOException {
        try {
            return dir.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, NOFOLLOW).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** openat(O_NOFOLLOW) of a directory relative to its parent. */
    static SecureDirectoryStream<Path> openChild(SecureDirectoryStream<Path> parent, String name, Path child)
            throws IOException {
        try {
            return parent.newDirectoryStream(Path.of(name), NOFOLLOW);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(child)) {
                throw StateTreeException.link(child); // swapped for a link since it was looked at
            }
            throw e;
        }
    }

    /**
     * Owner and modes of an open directory: root's or ours, and not writable by group or others
     * (above the state directory: unless sticky, as {@code /tmp}). The permissions come from the
     * descriptor; the numeric owner and the sticky bit, which the JDK reads only by path, from one
     * lstat of the path, trusted only when it is the very directory held open (same device and inode).
     */
    static void checkDirectory(SecureDirectoryStream<Path> dir, Path path, boolean aboveState) throws IOException {
        PosixFileAttributes attrs = dir.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
        Map<String, Object> unix = Files.readAttributes(path, "unix:uid,mode,fileKey", NOFOLLOW);
        if (!attrs.fileKey().equals(unix.get("fileKey"))) {
            throw new StateTreeException(StateTreeException.Rule.IO, path, path + " was replaced while dsreg"
                    + " checked it", Remedy.say("run dsreg again; if it happens again, find who changes " + path),
                    null);
        }
        int uid = (Integer) unix.get("uid");
        if (!StateTree.Owners.trusted(uid)) {
            Remedy fix = StateTree.Owners.weAreRoot() ? Remedy.say("chown root: " + path)
                    : Remedy.either(Remedy.say("chown " + StateTree.Owners.US + " " + path), new Remedy.OwnStateDir());
            throw new StateTreeException(StateTreeException.Rule.FOREIGN_OWNER, path, path + " belongs to "
                    + attrs.owner().getName() + ", neither root nor the user running dsreg; its owner could change"
                    + " what dsreg reads and removes", fix, null);
        }
        boolean writable = attrs.permissions().contains(PosixFilePermission.GROUP_WRITE)
                || attrs.permissions().contains(PosixFilePermission.OTHERS_WRITE);
        boolean sticky = ((Integer) unix.get("mode") & 01000) != 0;
        if (writable && !(aboveState && sticky)) {
            throw new StateTreeException(StateTreeException.Rule.WRITABLE_BY_OTHERS, path, path
                    + " is writable by group or others (" + PosixFilePermissions.toString(attrs.permissions())
                    + "); anyone who can write it could swap what dsreg reads and removes",
                    Remedy.say("chmod go-w " + path), null);
        }
    }

    /** The numeric owner of an open directory (checked by {@link #checkDirectory} to be the path's). */
    static int owner(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", NOFOLLOW);
    }

    static boolean isPrivate(Set<PosixFilePermission> perms) {
        return perms.stream().noneMatch(StateChecks::groupOrOthers);
    }

    static boolean groupOrOthers(PosixFilePermission p) {
        return p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_");
    }

    /** An I/O failure as the user should read it: which path, and why in words. */
    static StateTreeException failure(Path path, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new StateTreeException(StateTreeException.Rule.PERMISSION_DENIED, path, "cannot use " + path
                    + ": permission denied", Remedy.either(new Remedy.RunAsRoot(), new Remedy.OwnStateDir()), e);
        }
        String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (Files.isSymbolicLink(path)) { // ELOOP from O_NOFOLLOW, in whatever language strerror speaks
            return StateTreeException.link(path);
        }
        return new StateTreeException(StateTreeException.Rule.IO, path, "cannot use " + path + ": "
                + (why == null ? "input/output error" : why.toLowerCase(Locale.ROOT)), null, e);
    }
}
