package org.dsreg.adapter.linux;

import java.nio.file.Files;
import java.util.List;
import javax.inject.Inject;
import org.dsreg.port.out.BrokerInstallation;

/** The broker is installed when its D-Bus activation file or its systemd unit file is on disk. */
final class FileBrokerInstallation implements BrokerInstallation {
    static final String USER_ACTIVATION = "/usr/share/dbus-1/services/com.microsoft.identity.broker1.service";
    static final String DEVICE_ACTIVATION =
            "/usr/share/dbus-1/system-services/com.microsoft.identity.devicebroker1.service";
    static final List<String> SYSTEM_UNIT_DIRS = List.of("/etc/systemd/system", "/usr/lib/systemd/system",
            "/lib/systemd/system");
    static final List<String> USER_UNIT_DIRS = List.of("/etc/systemd/user", "/usr/lib/systemd/user",
            "/lib/systemd/user");

    private final LinuxPaths paths;

    @Inject
    FileBrokerInstallation(LinuxPaths paths) {
        this.paths = paths;
    }

    @Override
    public boolean userBrokerInstalled() {
        return Files.exists(paths.system(USER_ACTIVATION))
                || anyExists(USER_UNIT_DIRS, "microsoft-identity-broker.service");
    }

    @Override
    public boolean deviceBrokerInstalled() {
        return Files.exists(paths.system(DEVICE_ACTIVATION))
                || anyExists(SYSTEM_UNIT_DIRS, "microsoft-identity-device-broker.service");
    }

    private boolean anyExists(List<String> dirs, String unit) {
        return dirs.stream().anyMatch(d -> Files.exists(paths.system(d + "/" + unit)));
    }
}
