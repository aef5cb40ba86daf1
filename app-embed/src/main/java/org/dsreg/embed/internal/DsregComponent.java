package org.dsreg.embed.internal;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.dsreg.adapter.linux.LinuxAdapterModule;
import org.dsreg.embed.DsregSettings;
import org.dsreg.port.in.QueryStatusUseCase;

/** The one Dagger component: every use case, wired to the adapters. Internal to dsreg. */
@Singleton
@Component(modules = {LinuxAdapterModule.class, WiringModule.class})
public interface DsregComponent {
    QueryStatusUseCase queryStatus();

    @Component.Factory
    interface Factory {
        DsregComponent create(@BindsInstance DsregSettings settings);
    }
}
