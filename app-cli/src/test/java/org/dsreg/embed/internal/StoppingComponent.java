package org.dsreg.embed.internal;

import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.util.Map;
import javax.inject.Singleton;
import org.dsreg.adapter.drs.DrsAdapterModule;
import org.dsreg.adapter.linux.LinuxAdapterModule;
import org.dsreg.application.IdentityReplacement;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.embed.DsregSettings;

/**
 * dsreg's component ({@link DsregComponent}: the same modules, the same adapters), with the one binding production
 * leaves out: the {@link IdentityReplacement.Steps} of {@link StopAt}, which stop an identity replacement at the step
 * {@value StopAt#STEP} names. Test code only: no production run can reach it.
 */
@Singleton
@Component(modules = {LinuxAdapterModule.class, DrsAdapterModule.class, WiringModule.class,
        StoppingComponent.StopAt.class})
public interface StoppingComponent extends DsregComponent {

    /** This component of these settings, the adapters configured from them as production's are. */
    static DsregComponent of(DsregSettings settings, Map<String, String> env) {
        return DsregComponent.of(settings, (s, linux, drs) -> DaggerStoppingComponent.factory()
                .create(s, linux, drs, new StopAt(env)));
    }

    @Component.Factory
    interface Factory {
        StoppingComponent create(@dagger.BindsInstance DsregSettings settings, LinuxAdapterModule linux,
                                 DrsAdapterModule drs, StopAt stopAt);
    }

    /**
     * Where and how to stop: at the step named by {@value #STEP} (an {@link IdentityReplacement.Step}), the JVM halted
     * with {@value #HALTED} (what a kill -9 or a power cut does there: no catch, no finally, no shutdown hook runs)
     * when {@value #HOW} is {@code halt}, or an {@code QUERY_FAILED} failure thrown when it is {@code fail}.
     */
    @Module
    final class StopAt {
        public static final String STEP = "DSREG_TEST_STOP_AT";
        public static final String HOW = "DSREG_TEST_STOP";
        public static final int HALTED = 137;

        private final String step;
        private final boolean halt;

        StopAt(Map<String, String> env) {
            this.step = env.getOrDefault(STEP, "");
            this.halt = !"fail".equals(env.get(HOW));
        }

        @Provides
        IdentityReplacement.Steps steps() {
            return reached -> {
                if (reached.name().equals(step)) {
                    if (halt) {
                        Runtime.getRuntime().halt(HALTED);
                    }
                    throw new DsregException(ErrorKind.QUERY_FAILED, "injected failure at " + reached);
                }
            };
        }
    }
}
