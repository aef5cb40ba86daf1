package org.dsreg.spi.state;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dsreg.domain.Remedy;

/**
 * How dsreg reaches its state directory: from {@code /}, one element at a time, each directory
 * opened relative to the one before it without following a link (openat with O_NOFOLLOW), and
 * checked on the open descriptor (fstat), so nothing is checked on one path and used on another.
 *
 * <p>The rules, after OpenSSH's StrictModes:
 * <ul>
 * <li>At or below the <em>link-free top</em> (the state directory itself, or the {@code --root}
 *     prefix when the state directory is under it) a symbolic link is never followed: it is an
 *     error naming the path. Above it, a link is followed only when root owns it, and the
 *     link-free top moves with the path.</li>
 * <li>Every directory on the way must be owned by root or by the user running dsreg. Above the
 *     link-free top, one that group or others can write must have the sticky bit (as
 *     {@code /tmp}); at and below it (the state directory and every directory in it) none may be
 *     writable by group or others at all.</li>
 * <li>Something that is not a directory where a directory should be is an error.</li>
 * </ul>
 */
public final class StateTree {
    private static final int MAX_LINKS = 40;
    private static final Set<PosixFilePermission> DIR_0755 = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path top;

    /**
     * @param linkFreeTop the directory at and below which no link is followed: the state
     *     directory, or the root prefix that holds it
     */
    public StateTree(Path linkFreeTop) {
        this.top = Objects.requireNonNull(linkFreeTop, "linkFreeTop").toAbsolutePath().normalize();
    }

    /**
     * The link-free top for a state directory: the root prefix when it is not {@code /} and holds
     * the state directory (so that {@code --root} confines the whole run), else the state directory.
     */
    public static Path linkFreeTop(Path rootPrefix, Path stateDir) {
        Path root = rootPrefix.toAbsolutePath().normalize();
        Path state = stateDir.toAbsolutePath().normalize();
        return root.getParent() != null && state.startsWith(root) ? root : state;
    }

    /** The state directory, opened and checked; empty when it (or a directory above it) does not exist. */
    public Optional<StateDirectory> open(Path dir) {
        return Optional.ofNullable(walk(dir, null));
    }

    /**
     * The directory, created when missing: its missing parents 0755, itself with {@code mode}
     * (chmod'ed after creation, whatever the umask).
     */
    public StateDirectory create(Path dir, Set<PosixFilePermission> mode) {
        return walk(dir, Objects.requireNonNull(mode, "mode"));
    }

    private StateDirectory walk(Path dir, Set<PosixFilePermission> createMode) {
        Path target = dir.toAbsolutePath().normalize();
        Path linkFree = top;
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            Path restart = null;
            SecureDirectoryStream<Path> current = openRoot();
            Path at = target.getRoot();
            try {
                List<Path> names = new ArrayList<>();
                target.forEach(names::add);
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get(i).toString();
                    Path next = at.resolve(name);
                    boolean last = i == names.size() - 1;
                    PosixFileAttributes attrs = StateChecks.attributes(current, name, next);
                    boolean made = false;
                    if (attrs == null) {
                        if (createMode == null) {
                            current.close();
                            return null;
                        }
                        made = mkdir(next, last ? createMode : DIR_0755);
                        attrs = StateChecks.attributes(current, name, next);
                        if (attrs == null) {
                            throw new StateTreeException(StateTreeException.Rule.IO, next, next
                                    + " vanished as it was made", null, null);
                        }
                    }
                    if (attrs.isSymbolicLink()) {
                        Path resolved = followAbove(next, target, linkFree);
                        // the link-free top moves with the path: what was below it still is
                        linkFree = resolved.resolve(next.relativize(linkFree)).normalize();
                        restart = resolved;
                        for (Path rest : names.subList(i + 1, names.size())) {
                            restart = restart.resolve(rest);
                        }
                        restart = restart.normalize();
                        break;
                    }
                    if (!attrs.isDirectory()) {
                        throw StateTreeException.notDirectory(next);
                    }
                    SecureDirectoryStream<Path> opened = StateChecks.openChild(current, name, next);
                    SecureDirectoryStream<Path> previous = current;
                    current = opened;
                    previous.close();
                    at = next;
                    StateChecks.checkDirectory(current, next, !next.startsWith(linkFree));
                    if (made) { // the umask may have narrowed it
                        current.getFileAttributeView(PosixFileAttributeView.class)
                                .setPermissions(last ? createMode : DIR_0755);
                    }
                }
                if (restart == null) {
                    return new StateDirectory(current, target);
                }
                current.close();
                target = restart;
            } catch (IOException e) {
                close(current);
                throw StateChecks.failure(at, e);
            } catch (RuntimeException e) {
                close(current);
                throw e;
            }
        }
        throw new StateTreeException(StateTreeException.Rule.SYMBOLIC_LINK, dir, "too many symbolic links above "
                + dir, null, null);
    }

    /**
     * A link at {@code link}: allowed only above the link-free top and only when root owns it; where
     * it leads.
     */
    private static Path followAbove(Path link, Path target, Path linkFree) throws IOException {
        if (link.startsWith(linkFree) || link.equals(target)) {
            throw StateTreeException.link(link);
        }
        int owner = (Integer) Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != 0) {
            throw new StateTreeException(StateTreeException.Rule.SYMBOLIC_LINK, link, link
                    + " is a symbolic link owned by uid " + owner + ", not root; dsreg follows only root's links"
                    + " above its state directory", Remedy.either(Remedy.say("replace the link with a"
                    + " directory"), new Remedy.OwnStateDir()), null);
        }
        return link.resolveSibling(Files.readSymbolicLink(link)).normalize();
    }

    /** True when this call made it; false when someone else did meanwhile (then checked like any other). */
    private static boolean mkdir(Path dir, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(mode));
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        }
    }

    private static SecureDirectoryStream<Path> openRoot() {
        try {
            DirectoryStream<Path> root = Files.newDirectoryStream(Path.of("/"));
            if (root instanceof SecureDirectoryStream<Path> secure) {
                return secure;
            }
            root.close();
            throw new StateTreeException(StateTreeException.Rule.IO, Path.of("/"), "this system cannot open"
                    + " directories without following links; dsreg will not use its state there", null, null);
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw StateChecks.failure(Path.of("/"), e);
        } catch (IOException e) {
            throw StateChecks.failure(Path.of("/"), e);
        }
    }

    private static void close(SecureDirectoryStream<Path> s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a directory descriptor does not fail in a way that matters here
        }
    }

    /** The owners dsreg trusts, by number: root, and the user running it (effective uid, no name look-up). */
    static final class Owners {
        static final int US = effectiveUid();

        private Owners() {
        }

        static boolean trusted(int uid) {
            return uid == 0 || uid == US;
        }

        static boolean weAreRoot() {
            return US == 0;
        }

        private static int effectiveUid() {
            try {
                return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            } catch (IOException | RuntimeException noProc) {
                try { // no /proc: a file this process makes belongs to its effective uid
                    Path probe = Files.createTempFile("dsreg-uid", null);
                    try {
                        return (Integer) Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                    } finally {
                        Files.delete(probe);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("cannot tell which user runs dsreg", e);
                }
            }
        }
    }
}
