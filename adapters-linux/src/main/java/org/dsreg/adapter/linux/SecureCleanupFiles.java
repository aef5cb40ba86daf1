package org.dsreg.adapter.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.dsreg.domain.CleanupPlan;
import org.dsreg.domain.CleanupReport;
import org.dsreg.domain.CleanupStep;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.port.out.CleanupFiles;

/**
 * Removal that never follows a symbolic link below a step's anchor: every directory is opened
 * relative to its parent with O_NOFOLLOW ({@link SecureDirectoryStream}), every check and removal is
 * made relative to an open directory (fstatat, unlinkat). A file replaced by a link between the
 * check and the removal is unlinked as a link; its target is never touched. Walks never leave the
 * tree they start in.
 */
final class SecureCleanupFiles implements CleanupFiles {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @Inject
    SecureCleanupFiles() {
    }

    /** The collected outcome of one step. */
    private static final class Outcome {
        final List<String> removed = new ArrayList<>();
        final List<String> left = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        final boolean dryRun;

        Outcome(boolean dryRun) {
            this.dryRun = dryRun;
        }

        CleanupReport.StepResult of(CleanupStep step) {
            return new CleanupReport.StepResult(step, removed, left, failed);
        }
    }

    @Override
    public boolean isOtherThanADirectory(String path) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(Path.of(path), BasicFileAttributes.class, NOFOLLOW);
            return !attrs.isDirectory() && !attrs.isSymbolicLink();
        } catch (IOException e) {
            return false; // absent, or unreadable: the steps themselves report what they meet
        }
    }

    @Override
    public List<String> preview(CleanupStep.RemoveTree step) {
        return tree(step, new Outcome(true)).removed();
    }

    @Override
    public List<String> preview(CleanupStep.RemoveDeviceFiles step) {
        return deviceFiles(step, new Outcome(true)).removed();
    }

    @Override
    public CleanupReport.StepResult remove(CleanupStep.RemoveTree step) {
        return tree(step, new Outcome(false));
    }

    @Override
    public CleanupReport.StepResult remove(CleanupStep.RemoveDeviceFiles step) {
        return deviceFiles(step, new Outcome(false));
    }

    private CleanupReport.StepResult tree(CleanupStep.RemoveTree step, Outcome out) {
        Path relative = Path.of(step.relative());
        Path parentRelative = relative.getParent();
        String name = relative.getFileName().toString();
        Path top = Path.of(step.path());
        try (SecureDirectoryStream<Path> parent = openBelow(Path.of(step.anchor()), parentRelative)) {
            if (parent == null) {
                return out.of(step); // nothing there
            }
            BasicFileAttributes attrs = attributes(parent, name);
            if (attrs == null) {
                return out.of(step);
            }
            if (attrs.isSymbolicLink()) {
                out.left.add(top + ": a symbolic link; not followed, left alone");
            } else if (attrs.isDirectory()) {
                removeDirectory(parent, name, top, out);
            } else {
                // every tree cleanup removes is a directory: a file in its place (--state-dir /etc/passwd,
                // a typo) is not what the step is for, and is never removed
                out.failed.add(top + ": not a directory; not removed");
            }
        } catch (IOException e) {
            out.failed.add(top + ": " + reason(e));
        }
        return out.of(step);
    }

    private CleanupReport.StepResult deviceFiles(CleanupStep.RemoveDeviceFiles step, Outcome out) {
        Path dir = Path.of(step.directory());
        try (SecureDirectoryStream<Path> sds = openBelow(Path.of(step.anchor()), Path.of(step.relative()))) {
            if (sds == null) {
                return out.of(step);
            }
            for (String name : names(sds)) {
                if (!CleanupPlan.isDeviceFileName(name, step.prefixes())) {
                    continue; // not ours: untouched, unlisted
                }
                Path file = dir.resolve(name);
                BasicFileAttributes attrs = attributes(sds, name);
                if (attrs == null) {
                    continue; // gone meanwhile
                }
                if (attrs.isRegularFile()) {
                    deleteFile(sds, name, file, out);
                } else {
                    out.left.add(file + ": " + (attrs.isSymbolicLink() ? "a symbolic link; not followed"
                            : "not a regular file") + ", left alone");
                }
            }
        } catch (IOException e) {
            out.failed.add(dir + ": " + reason(e));
        }
        return out.of(step);
    }

    /** Removes a directory's contents depth first, then the directory, never following a link. */
    private void removeDirectory(SecureDirectoryStream<Path> parent, String name, Path path, Outcome out) {
        try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(Path.of(name), NOFOLLOW)) {
            for (String child : names(dir)) {
                BasicFileAttributes attrs = attributes(dir, child);
                if (attrs == null) {
                    continue;
                }
                if (attrs.isDirectory() && !attrs.isSymbolicLink()) {
                    removeDirectory(dir, child, path.resolve(child), out);
                } else {
                    deleteFile(dir, child, path.resolve(child), out); // files, and links as links
                }
            }
        } catch (IOException e) {
            out.failed.add(path + ": " + reason(e)); // includes a directory swapped for a link (O_NOFOLLOW)
            return;
        }
        if (out.dryRun) {
            out.removed.add(path + "/");
            return;
        }
        try {
            parent.deleteDirectory(Path.of(name));
            out.removed.add(path + "/");
        } catch (IOException e) {
            out.failed.add(path + ": " + reason(e));
        }
    }

    private static void deleteFile(SecureDirectoryStream<Path> dir, String name, Path path, Outcome out) {
        if (out.dryRun) {
            out.removed.add(path.toString());
            return;
        }
        try {
            dir.deleteFile(Path.of(name)); // unlinkat: a link is removed as a link
            out.removed.add(path.toString());
        } catch (NoSuchFileException e) {
            // gone meanwhile: nothing to do
        } catch (IOException e) {
            out.failed.add(path + ": " + reason(e));
        }
    }

    /**
     * Opens {@code anchor/relative} as a secure directory stream, each element below the anchor
     * opened relative to the previous one without following links; null when it does not exist.
     * The anchor itself (the root prefix, or the home directory on a running system) is trusted;
     * an element below it that is a link or not a directory fails the step, naming it.
     */
    private static SecureDirectoryStream<Path> openBelow(Path anchor, Path relative) throws IOException {
        DirectoryStream<Path> start;
        try {
            start = Files.newDirectoryStream(anchor);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!(start instanceof SecureDirectoryStream<Path> current)) {
            start.close();
            throw new DsregException(ErrorKind.CLEANUP_FAILED,
                    "this file system cannot remove files without following links; nothing was removed");
        }
        if (relative == null) {
            return current;
        }
        Path reached = anchor;
        for (Path element : relative) {
            reached = reached.resolve(element);
            SecureDirectoryStream<Path> next;
            try {
                BasicFileAttributes attrs = attributes(current, element.toString());
                if (attrs == null) {
                    current.close();
                    return null;
                }
                if (attrs.isSymbolicLink() || !attrs.isDirectory()) {
                    current.close();
                    throw new FileSystemException(anchor.resolve(relative).toString(), null,
                            reached + " is " + (attrs.isSymbolicLink() ? "a symbolic link" : "not a directory")
                                    + "; not followed");
                }
                next = current.newDirectoryStream(element, NOFOLLOW);
            } catch (IOException | RuntimeException e) {
                current.close();
                throw e;
            }
            current.close();
            current = next;
        }
        return current;
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, String name) throws IOException {
        try {
            return dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, NOFOLLOW).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static List<String> names(SecureDirectoryStream<Path> dir) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            dir.forEach(p -> names.add(p.getFileName().toString()));
        } catch (java.nio.file.DirectoryIteratorException e) {
            throw e.getCause(); // a read error mid-listing: this step's failure, not the run's
        }
        names.sort(null);
        return names;
    }

    /** Why, in words for the user: never a Java class name or an exception's text with one. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException) {
            return "not empty (something was added meanwhile)";
        }
        if (e instanceof NoSuchFileException) {
            return "gone meanwhile";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return "input/output error";
    }
}
