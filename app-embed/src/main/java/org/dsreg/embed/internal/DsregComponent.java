package org.dsreg.embed.internal;

import dagger.BindsInstance;
import dagger.Component;
import java.util.Set;
import javax.inject.Singleton;
import org.dsreg.adapter.drs.DrsAdapterModule;
import org.dsreg.adapter.linux.LinuxAdapterModule;
import org.dsreg.embed.DsregSettings;
import org.dsreg.embed.ProxySettings;
import org.dsreg.port.in.AcquireDrsTokenUseCase;
import org.dsreg.port.in.CleanupUseCase;
import org.dsreg.port.in.DiagnoseUseCase;
import org.dsreg.port.in.GetTokenUseCase;
import org.dsreg.port.in.RefreshPrtUseCase;
import org.dsreg.port.in.JoinDeviceUseCase;
import org.dsreg.port.in.QueryStatusUseCase;
import org.dsreg.port.in.ReplaceIdentityUseCase;
import org.dsreg.port.in.UnregisterDeviceUseCase;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.Privileges;

/** The one Dagger component: every use case, wired to the adapters. Internal to dsreg. */
@Singleton
@Component(modules = {LinuxAdapterModule.class, DrsAdapterModule.class, WiringModule.class})
public interface DsregComponent {
    QueryStatusUseCase queryStatus();

    AcquireDrsTokenUseCase acquireDrsToken();

    JoinDeviceUseCase joinDevice();

    UnregisterDeviceUseCase unregisterDevice();

    ReplaceIdentityUseCase replaceIdentity();

    CleanupUseCase cleanup();

    DiagnoseUseCase diagnose();

    RefreshPrtUseCase refreshPrt();

    GetTokenUseCase getToken();

    Privileges privileges();

    KeyStorages keyStorages();

    /** What holds resources (bus connections) and must be closed at the end. */
    Set<AutoCloseable> closeables();

    /** The component of these settings, the adapters configured from them. */
    static DsregComponent of(DsregSettings settings) {
        return of(settings, DaggerDsregComponent.factory());
    }

    /** The component {@code factory} makes of these settings (a test's component, which extends this one, too). */
    static DsregComponent of(DsregSettings settings, Factory factory) {
        ProxySettings proxy = settings.proxy();
        return factory.create(settings,
                new LinuxAdapterModule(settings.root(), settings.stateDir(), settings.sessionBusAddress(),
                        settings.systemBusAddress(), settings.timeout()),
                new DrsAdapterModule(settings.drsUrl(), settings.trustCa(), settings.networkTimeout(), Version.VERSION,
                        proxy.proxy(), proxy.noProxy(), proxy.environment()));
    }

    @Component.Factory
    interface Factory {
        DsregComponent create(@BindsInstance DsregSettings settings, LinuxAdapterModule linux, DrsAdapterModule drs);
    }
}
