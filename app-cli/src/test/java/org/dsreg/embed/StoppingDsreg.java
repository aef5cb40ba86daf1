package org.dsreg.embed;

import java.util.Map;
import org.dsreg.embed.internal.StoppingComponent;

/** A {@link Dsreg} of {@link StoppingComponent}: production's, stopping an identity replacement at a step. */
public final class StoppingDsreg {
    private StoppingDsreg() {
    }

    /** The dsreg of these settings whose replacements stop where {@code env} says ({@link StoppingComponent.StopAt}). */
    public static Dsreg create(DsregSettings settings, Map<String, String> env) {
        return new Dsreg(StoppingComponent.of(settings, env), settings);
    }
}
