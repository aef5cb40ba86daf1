package org.dsreg.port.in;

import java.util.List;
import org.dsreg.domain.CleanupPlan;
import org.dsreg.domain.CleanupReport;
import org.dsreg.domain.CleanupStep;

/** {@code dsreg --cleanup}: plan first (what may be touched, by rule), then, once confirmed, carry it out. */
public interface CleanupUseCase {
    CleanupPlan plan(CleanupCommand command);

    /** For a dry run: what each step would remove now. */
    List<String> preview(CleanupStep step);

    CleanupReport execute(CleanupPlan plan);
}
