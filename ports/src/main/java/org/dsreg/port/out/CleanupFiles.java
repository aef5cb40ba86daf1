package org.dsreg.port.out;

import java.util.List;
import org.dsreg.domain.CleanupReport;
import org.dsreg.domain.CleanupStep;

/**
 * Carries out the file steps of a cleanup. Nothing here follows a symbolic link below a step's
 * anchor, and checks and removals are made relative to open directories, so that a file swapped
 * for a link between plan and removal is not followed.
 */
public interface CleanupFiles {
    /** What removing the tree would remove (for a dry run); empty when it is not there. */
    List<String> preview(CleanupStep.RemoveTree step);

    /** The device files that would be removed (for a dry run). */
    List<String> preview(CleanupStep.RemoveDeviceFiles step);

    CleanupReport.StepResult remove(CleanupStep.RemoveTree step);

    CleanupReport.StepResult remove(CleanupStep.RemoveDeviceFiles step);

    /**
     * Whether {@code path} is there and is neither a directory nor a symbolic link (a file where
     * dsreg's state directory should be: a typo in {@code --state-dir}, which cleanup refuses).
     */
    default boolean isOtherThanADirectory(String path) {
        return false;
    }
}
