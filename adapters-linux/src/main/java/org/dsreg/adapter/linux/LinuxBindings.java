package org.dsreg.adapter.linux;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import org.dsreg.port.out.BrokerInstallation;
import org.dsreg.port.out.BrokerRegistrations;
import org.dsreg.port.out.Certificates;
import org.dsreg.port.out.CleanupFiles;
import org.dsreg.port.out.Privileges;
import org.dsreg.port.out.StateLock;
import org.dsreg.port.out.DeviceBroker;
import org.dsreg.port.out.HostFacts;
import org.dsreg.port.out.IntuneInstallation;
import org.dsreg.port.out.KeyIntents;
import org.dsreg.port.out.StagedIdentities;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.ServiceManager;
import org.dsreg.port.out.UserBroker;

/**
 * The Linux adapters' bindings, included by {@link LinuxAdapterModule} (which provides {@link LinuxPaths} and
 * {@link DBusSettings}); contributes what must be closed at the end to a set of {@link AutoCloseable}.
 */
@Module
interface LinuxBindings {
    @Binds
    RegistrationStore registrationStore(FileRegistrationStore store);

    @Binds
    PrtStore prtStore(FilePrtStore store);

    @Binds
    BrokerRegistrations brokerRegistrations(MicrosoftBrokerCertificates certificates);

    @Binds
    HostFacts hostFacts(OsReleaseHostFacts facts);

    @Binds
    UserBroker userBroker(DBusUserBroker broker);

    @Binds
    DeviceBroker deviceBroker(DBusDeviceBroker broker);

    @Binds
    ServiceManager serviceManager(SystemdServiceManager manager);

    @Binds
    BrokerInstallation brokerInstallation(FileBrokerInstallation installation);

    @Binds
    IntuneInstallation intuneInstallation(FileIntuneInstallation installation);

    @Binds
    @IntoSet
    AutoCloseable busConnections(BusConnections connections);

    @Binds
    Certificates certificates(LinuxCertificates certificates);

    @Binds
    StateLock stateLock(FileStateLock lock);

    @Binds
    KeyIntents keyIntents(FileKeyIntents intents);

    @Binds
    StagedIdentities stagedIdentities(FileStagedIdentities identities);

    @Binds
    Privileges privileges(ProcessPrivileges privileges);

    @Binds
    CleanupFiles cleanupFiles(SecureCleanupFiles files);
}
