package org.dsreg.adapter.linux;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import org.dsreg.port.out.BrokerRegistrations;
import org.dsreg.port.out.HostFacts;
import org.dsreg.port.out.KeyStorage;
import org.dsreg.port.out.RegistrationStore;

/** The Linux adapters' bindings. Needs a {@link LinuxPaths} in the graph. */
@Module
public interface LinuxAdapterModule {
    @Binds
    RegistrationStore registrationStore(FileRegistrationStore store);

    @Binds
    BrokerRegistrations brokerRegistrations(MicrosoftBrokerCertificates certificates);

    @Binds
    HostFacts hostFacts(OsReleaseHostFacts facts);

    @Binds
    @IntoMap
    @StringKey(SoftwareKeyStorage.NAME)
    KeyStorage softwareKeyStorage(SoftwareKeyStorage storage);
}
