package org.dsreg.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DsregSettingsTest {
    @Test
    void defaultsAreThoseOfASystemInstallation() {
        DsregSettings s = DsregSettings.fromEnvironment(Map.of());
        assertEquals(Path.of("/var/lib/dsreg"), s.stateDir());
        assertEquals(Path.of("/"), s.root());
        assertEquals(Optional.empty(), s.sessionBusAddress());
        assertEquals("unix:path=/var/run/dbus/system_bus_socket", s.systemBusAddress());
        assertTrue(s.systemStateDir());
    }

    @Test
    void environmentOverridesAndTheRootCarriesTheDefaultStateDir() {
        DsregSettings s = DsregSettings.fromEnvironment(Map.of("DSREG_ROOT", "/img",
                "DBUS_SESSION_BUS_ADDRESS", "unix:path=/tmp/s", "DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/tmp/y"));
        assertEquals(Path.of("/img/var/lib/dsreg"), s.stateDir());
        assertEquals(Optional.of("unix:path=/tmp/s"), s.sessionBusAddress());
        assertEquals("unix:path=/tmp/y", s.systemBusAddress());
        DsregSettings explicit = DsregSettings.fromEnvironment(Map.of("DSREG_ROOT", "/img", "DSREG_STATE_DIR", "/st"));
        assertEquals(Path.of("/st"), explicit.stateDir());
    }

    @Test
    void theSessionBusFallsBackToXdgRuntimeDirWhenItsSocketExists(@TempDir Path runtime) throws Exception {
        assertEquals(Optional.empty(),
                DsregSettings.fromEnvironment(Map.of("XDG_RUNTIME_DIR", runtime.toString())).sessionBusAddress());
        Files.createFile(runtime.resolve("bus"));
        assertEquals(Optional.of("unix:path=" + runtime.resolve("bus")),
                DsregSettings.fromEnvironment(Map.of("XDG_RUNTIME_DIR", runtime.toString())).sessionBusAddress());
    }
}
