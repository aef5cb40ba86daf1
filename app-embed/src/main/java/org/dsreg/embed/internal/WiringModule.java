package org.dsreg.embed.internal;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dagger.Provides;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.dsreg.application.AcquireDrsTokenService;
import org.dsreg.application.CleanupService;
import org.dsreg.application.DiagnoseService;
import org.dsreg.application.GetTokenService;
import org.dsreg.application.RefreshPrtService;
import org.dsreg.application.IdentityRecovery;
import org.dsreg.application.IdentityReplacement;
import org.dsreg.application.IntentRecords;
import org.dsreg.application.ManagementDiagnosis;
import org.dsreg.application.JoinDeviceService;
import org.dsreg.application.UnregisterDeviceService;
import org.dsreg.application.QueryStatusService;
import org.dsreg.embed.DsregSettings;
import org.dsreg.port.in.AcquireDrsTokenUseCase;
import org.dsreg.port.in.CleanupUseCase;
import org.dsreg.port.in.DiagnoseUseCase;
import org.dsreg.port.in.GetTokenUseCase;
import org.dsreg.port.in.RefreshPrtUseCase;
import org.dsreg.port.in.JoinDeviceUseCase;
import org.dsreg.port.in.QueryStatusUseCase;
import org.dsreg.port.in.ReplaceIdentityUseCase;
import org.dsreg.port.in.UnregisterDeviceUseCase;
import org.dsreg.port.out.Certificates;
import org.dsreg.port.out.CleanupFiles;
import org.dsreg.port.out.Privileges;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.DrsTokens;
import org.dsreg.port.out.GraphDevices;
import org.dsreg.port.out.ProxyRoutes;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.StateLock;
import org.dsreg.port.out.BrokerInstallation;
import org.dsreg.port.out.IntuneInstallation;
import org.dsreg.port.out.BrokerRegistrations;
import org.dsreg.port.out.DeviceBroker;
import org.dsreg.port.out.ServiceManager;
import org.dsreg.port.out.UserBroker;
import org.dsreg.port.out.HostFacts;
import org.dsreg.port.out.KeyIntents;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.PrtExchange;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StagedIdentities;
import org.dsreg.port.out.UserCredentials;

/**
 * The application services (which carry no framework annotation, so they are constructed here). The adapters'
 * configuration is their modules' constructors' ({@link DsregComponent#of}).
 */
@Module
interface WiringModule {

    @Binds
    KeyStorages keyStorages(ServiceLoaderKeyStorages storages);

    @Binds
    @IntoSet
    AutoCloseable closeKeyStorages(ServiceLoaderKeyStorages storages);

    @Provides
    static Clock clock(DsregSettings settings) {
        return settings.clock();
    }

    @Provides
    static QueryStatusUseCase queryStatus(RegistrationStore store, BrokerRegistrations broker, KeyStorages keys,
                                          HostFacts host, UserBroker userBroker, DeviceBroker deviceBroker,
                                          ServiceManager services, BrokerInstallation installation, Clock clock,
                                          IntentRecords records, PrtStore prts, StagedIdentities staged) {
        return new QueryStatusService(store, broker, keys, host, userBroker, deviceBroker, services, installation,
                prts, clock, records::leftovers, staged::pending);
    }

    @Provides
    static IntentRecords intentRecords(KeyIntents intents, KeyStorages keys, RegistrationStore store,
                                       StagedIdentities staged) {
        return new IntentRecords(intents, keys, store, () -> IdentityRecovery.referencedKeys(staged));
    }

    @Provides
    static IdentityRecovery identityRecovery(DeviceRegistrationService drs, IntentRecords records,
                                             StagedIdentities staged, PrtStore prts, Clock clock) {
        return new IdentityRecovery(drs, records.keyStorages(), records.registrationStore(), staged, prts,
                clock);
    }

    /**
     * The state lock every changing use case takes: once held, replacements left behind are settled, then the keys
     * of interrupted creations removed.
     */
    private static StateLock lock(StateLock lock, IntentRecords records, IdentityRecovery recovery) {
        return records.stateLock(recovery.around(lock));
    }

    @Provides
    static JoinDeviceService joinDeviceService(DeviceRegistrationService drs, DrsTokens tokens,
                                               AcquireDrsTokenUseCase brokerTokens, Certificates certificates,
                                               HostFacts host, StateLock lock, Clock clock, IntentRecords records,
                                               IdentityRecovery recovery) {
        return new JoinDeviceService(drs, tokens, brokerTokens, records.keyStorages(), records.registrationStore(),
                certificates, host, lock(lock, records, recovery), UUID::randomUUID, clock);
    }

    /**
     * Told of each step an identity replacement reaches: bound by no production module (the steps then do nothing);
     * a test's component binds one that stops or fails the run at a step.
     */
    @BindsOptionalOf
    IdentityReplacement.Steps replacementSteps();

    @Provides
    static ReplaceIdentityUseCase replaceIdentity(JoinDeviceService joins, DeviceRegistrationService drs,
                                                  StagedIdentities staged, StateLock lock, Clock clock,
                                                  IntentRecords records, IdentityRecovery recovery, PrtStore prts,
                                                  PrtExchange exchange, Optional<IdentityReplacement.Steps> steps) {
        return new IdentityReplacement(joins, drs, records.keyStorages(), records.registrationStore(), staged,
                recovery, prts, exchange, lock(lock, records, recovery), clock, steps.orElse(step -> { }));
    }

    @Provides
    static AcquireDrsTokenUseCase acquireDrsToken(UserBroker broker) {
        return new AcquireDrsTokenService(broker);
    }

    @Binds
    JoinDeviceUseCase joinDevice(JoinDeviceService service);

    /**
     * The state lock of {@code --diagnose}'s PRT renewal and Graph token: one dsreg at a time still (a renewal must
     * not swap a session key under another run), and the keys of interrupted creations are still removed, but a
     * replacement left behind is not settled (that may delete devices at DRS): a diagnosis changes nothing of the
     * kind, and status shows the replacement pending.
     */
    private static StateLock diagnosisLock(StateLock lock, IntentRecords records) {
        return records.stateLock(lock);
    }

    @Provides
    static DiagnoseUseCase diagnose(DeviceRegistrationService drs, AcquireDrsTokenUseCase brokerTokens,
                                    RegistrationStore store, KeyStorages keys, Clock clock, DsregSettings settings,
                                    ProxyRoutes proxyRoutes, PrtStore prts, PrtExchange exchange,
                                    UserCredentials credentials, StateLock lock, IntentRecords records,
                                    ManagementDiagnosis management, ServiceManager services,
                                    IntuneInstallation intune) {
        return new DiagnoseService(drs, brokerTokens, store, keys, prts,
                refreshPrtService(prts, exchange, credentials, diagnosisLock(lock, records), clock, records), clock,
                settings.drsUrl(), proxyRoutes, management, services, intune);
    }

    @Provides
    static ManagementDiagnosis managementDiagnosis(GraphDevices graph, PrtStore prts, PrtExchange exchange,
                                                   StateLock lock, IntentRecords records, UserBroker broker,
                                                   BrokerRegistrations brokerRegistrations, HostFacts host,
                                                   Clock clock) {
        return new ManagementDiagnosis(graph, getTokenService(prts, exchange, diagnosisLock(lock, records), clock,
                records), prts, broker, brokerRegistrations, host, clock);
    }

    @Provides
    static CleanupUseCase cleanup(UserBroker broker, ServiceManager services, CleanupFiles files, Privileges privileges,
                                  DsregSettings settings) {
        // every system step is anchored at the root prefix, the state directory included (never at its parent)
        return new CleanupService(broker, services, files, privileges,
                settings.root().toAbsolutePath().normalize().toString(),
                settings.stateDir().toAbsolutePath().normalize().toString());
    }

    @Provides
    static UnregisterDeviceUseCase unregisterDevice(DeviceRegistrationService drs, StateLock lock,
                                                    IntentRecords records, IdentityRecovery recovery, PrtStore prts) {
        return new UnregisterDeviceService(drs, records.keyStorages(), records.registrationStore(),
                lock(lock, records, recovery), prts);
    }

    @Provides
    static RefreshPrtUseCase refreshPrt(PrtStore prts, PrtExchange exchange, UserCredentials credentials,
                                        StateLock lock, Clock clock, IntentRecords records, IdentityRecovery recovery) {
        return refreshPrtService(prts, exchange, credentials, lock(lock, records, recovery), clock, records);
    }

    private static RefreshPrtService refreshPrtService(PrtStore prts, PrtExchange exchange,
                                                       UserCredentials credentials, StateLock lock, Clock clock,
                                                       IntentRecords records) {
        return new RefreshPrtService(records.registrationStore(), prts, exchange, credentials, records.keyStorages(),
                lock, UUID::randomUUID, clock);
    }

    @Provides
    static GetTokenUseCase getToken(PrtStore prts, PrtExchange exchange, StateLock lock, Clock clock,
                                    IntentRecords records, IdentityRecovery recovery) {
        return getTokenService(prts, exchange, lock(lock, records, recovery), clock, records);
    }

    private static GetTokenService getTokenService(PrtStore prts, PrtExchange exchange, StateLock lock, Clock clock,
                                                   IntentRecords records) {
        return new GetTokenService(records.registrationStore(), prts, exchange, records.keyStorages(), lock, clock);
    }
}
