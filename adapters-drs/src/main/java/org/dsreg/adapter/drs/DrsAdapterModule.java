package org.dsreg.adapter.drs;

import dagger.Binds;
import dagger.Module;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.DrsTokens;

/** The DRS adapter's bindings. Needs {@link DrsSettings} in the graph. */
@Module
public interface DrsAdapterModule {
    @Binds
    DeviceRegistrationService deviceRegistrationService(HttpDrsClient client);

    @Binds
    DrsTokens drsTokens(HttpDrsTokens tokens);
}
