package org.dsreg.embed.internal;

import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dsreg.adapter.linux.DBusSettings;
import org.dsreg.adapter.linux.LinuxPaths;
import org.dsreg.application.AcquireDrsTokenService;
import org.dsreg.application.QueryStatusService;
import org.dsreg.embed.DsregSettings;
import org.dsreg.port.in.AcquireDrsTokenUseCase;
import org.dsreg.port.in.QueryStatusUseCase;
import org.dsreg.port.out.BrokerInstallation;
import org.dsreg.port.out.BrokerRegistrations;
import org.dsreg.port.out.DeviceBroker;
import org.dsreg.port.out.ServiceManager;
import org.dsreg.port.out.UserBroker;
import org.dsreg.port.out.HostFacts;
import org.dsreg.port.out.KeyStorage;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.RegistrationStore;

/**
 * Settings into adapter configuration, and the application services (which carry no framework
 * annotation, so they are constructed here).
 */
@Module
interface WiringModule {

    @Provides
    static LinuxPaths linuxPaths(DsregSettings settings) {
        return new LinuxPaths(settings.root(), settings.stateDir());
    }

    @Provides
    static Clock clock(DsregSettings settings) {
        return settings.clock();
    }

    @Provides
    static KeyStorages keyStorages(Map<String, KeyStorage> storages) {
        return new KeyStorages() {
            @Override
            public Optional<KeyStorage> find(String name) {
                return Optional.ofNullable(storages.get(name));
            }

            @Override
            public Set<String> names() {
                return new TreeSet<>(storages.keySet());
            }
        };
    }

    @Provides
    static DBusSettings dbusSettings(DsregSettings settings) {
        return new DBusSettings(settings.sessionBusAddress(), settings.systemBusAddress(), settings.timeout());
    }

    @Provides
    static QueryStatusUseCase queryStatus(RegistrationStore store, BrokerRegistrations broker, KeyStorages keys,
                                          HostFacts host, UserBroker userBroker, DeviceBroker deviceBroker,
                                          ServiceManager services, BrokerInstallation installation, Clock clock) {
        return new QueryStatusService(store, broker, keys, host, userBroker, deviceBroker, services, installation,
                clock);
    }

    @Provides
    static AcquireDrsTokenUseCase acquireDrsToken(UserBroker broker) {
        return new AcquireDrsTokenService(broker);
    }
}
