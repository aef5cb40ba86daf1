package org.dsreg.adapter.drs;

import dagger.Binds;
import dagger.Module;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.DrsTokens;
import org.dsreg.port.out.ProxyRoutes;

/** The DRS adapter's bindings. Needs {@link DrsSettings} in the graph. */
@Module
public interface DrsAdapterModule {
    @Binds
    DeviceRegistrationService deviceRegistrationService(HttpDrsClient client);

    @Binds
    DrsTokens drsTokens(HttpDrsTokens tokens);

    @Binds
    ProxyRoutes proxyRoutes(HttpProxyRoutes routes);
}
