package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntuneFilesTest {
    @TempDir
    Path root;

    private void touch(String path) throws Exception {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, "");
    }

    @Test
    void theAgentsProgramAndEachUserUnitOnceFromTheFirstDirectoryThatHasIt() throws Exception {
        var install = new FileIntuneInstallation(new LinuxPaths(root, root.resolve("state")));
        assertEquals(List.of(), install.files());
        touch("/usr/lib/systemd/user/intune-agent.timer");
        assertEquals(List.of("/usr/lib/systemd/user/intune-agent.timer"), install.files());
        // merged /usr: the same units seen again under /lib are not listed twice
        touch("/lib/systemd/user/intune-agent.timer");
        touch("/lib/systemd/user/intune-agent.service");
        touch("/etc/systemd/user/intune-agent.service");
        touch("/opt/microsoft/intune/bin/intune-agent");
        assertEquals(List.of("/opt/microsoft/intune/bin/intune-agent", "/usr/lib/systemd/user/intune-agent.timer",
                "/etc/systemd/user/intune-agent.service"), install.files());
    }

    @Test
    void otherFilesOfThePackageHomeDoNotCount() throws Exception {
        touch("/opt/microsoft/intune/bin/intune-portal");
        assertEquals(List.of(), new FileIntuneInstallation(new LinuxPaths(root, root.resolve("state"))).files());
    }
}
