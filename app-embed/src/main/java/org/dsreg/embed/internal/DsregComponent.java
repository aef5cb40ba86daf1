package org.dsreg.embed.internal;

import dagger.BindsInstance;
import dagger.Component;
import java.util.Set;
import javax.inject.Singleton;
import org.dsreg.adapter.linux.LinuxAdapterModule;
import org.dsreg.embed.DsregSettings;
import org.dsreg.port.in.AcquireDrsTokenUseCase;
import org.dsreg.port.in.QueryStatusUseCase;

/** The one Dagger component: every use case, wired to the adapters. Internal to dsreg. */
@Singleton
@Component(modules = {LinuxAdapterModule.class, WiringModule.class})
public interface DsregComponent {
    QueryStatusUseCase queryStatus();

    AcquireDrsTokenUseCase acquireDrsToken();

    /** What holds resources (bus connections) and must be closed at the end. */
    Set<AutoCloseable> closeables();

    @Component.Factory
    interface Factory {
        DsregComponent create(@BindsInstance DsregSettings settings);
    }
}
