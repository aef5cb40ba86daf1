package org.dsreg.adapter.drs;

import dagger.Binds;
import dagger.Module;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.DrsTokens;
import org.dsreg.port.out.GraphDevices;
import org.dsreg.port.out.PrtExchange;
import org.dsreg.port.out.ProxyRoutes;
import org.dsreg.port.out.UserCredentials;

/** The DRS adapter's bindings, included by {@link DrsAdapterModule} (which provides {@link DrsSettings}). */
@Module
interface DrsBindings {
    @Binds
    DeviceRegistrationService deviceRegistrationService(HttpDrsClient client);

    @Binds
    DrsTokens drsTokens(HttpDrsTokens tokens);

    @Binds
    ProxyRoutes proxyRoutes(HttpProxyRoutes routes);

    @Binds
    PrtExchange prtExchange(HttpPrtExchange exchange);

    @Binds
    UserCredentials userCredentials(HttpUserCredentials credentials);

    @Binds
    GraphDevices graphDevices(HttpGraphDevices devices);
}
