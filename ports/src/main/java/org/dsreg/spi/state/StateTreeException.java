package org.dsreg.spi.state;

import java.nio.file.Path;
import java.util.Objects;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Remedy;

/**
 * dsreg's state tree broke one of its rules (README, "The state directory"): the path, which rule,
 * and what fixes it. Exit 3, or 4 where only a lack of permission stopped a change.
 */
public final class StateTreeException extends DsregException {
    private static final long serialVersionUID = 1L;

    /** Which rule was broken; tests assert on this, not on wording. */
    public enum Rule {
        /** A symbolic link where a directory or file of ours should be. */
        SYMBOLIC_LINK,
        /** Something other than a directory where a directory should be. */
        NOT_A_DIRECTORY,
        /** Something other than a regular file where a file should be. */
        NOT_A_REGULAR_FILE,
        /** A directory owned by neither root nor the user running dsreg. */
        FOREIGN_OWNER,
        /** A directory that group or others may write (without the sticky bit, above the state directory). */
        WRITABLE_BY_OTHERS,
        /** A private file (a key) that group or others may read or write. */
        TOO_OPEN,
        /** A file larger than any state file of ours. */
        TOO_LARGE,
        /** The operating system denied access. */
        PERMISSION_DENIED,
        /** A name that is not a single path element of ours. */
        INVALID_NAME,
        /** Any other failure of the file system. */
        IO
    }

    private final transient Path path;
    private final Rule rule;

    public StateTreeException(Rule rule, Path path, String message, Remedy remedy, Throwable cause) {
        super(rule == Rule.PERMISSION_DENIED ? ErrorKind.INSUFFICIENT_PERMISSIONS : ErrorKind.QUERY_FAILED,
                message, remedy, cause);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.path = path;
    }

    public Rule rule() {
        return rule;
    }

    /** The path that broke the rule. */
    public Path path() {
        return path;
    }

    static StateTreeException link(Path path) {
        return new StateTreeException(Rule.SYMBOLIC_LINK, path, path + " is a symbolic link; dsreg never follows"
                + " links in its state directory", Remedy.say("remove the link (rm " + path + ") and run dsreg again"),
                null);
    }

    static StateTreeException notDirectory(Path path) {
        return new StateTreeException(Rule.NOT_A_DIRECTORY, path, path + " is not a directory",
                Remedy.either(Remedy.say("move it away"), new Remedy.OwnStateDir()), null);
    }

    static StateTreeException notRegularFile(Path path) {
        return new StateTreeException(Rule.NOT_A_REGULAR_FILE, path, path + " is not a regular file",
                Remedy.say("move it away; dsreg only reads and removes regular files in its state directory"), null);
    }
}
