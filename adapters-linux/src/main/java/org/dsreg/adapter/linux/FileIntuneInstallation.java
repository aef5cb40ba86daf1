package org.dsreg.adapter.linux;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.dsreg.domain.IntuneAgent;
import org.dsreg.port.out.IntuneInstallation;

/**
 * The files of Microsoft's {@code intune-portal} package that show the Intune agent is installed: the agent's
 * program {@value #AGENT} under {@value #HOME}, and its user units {@code intune-agent.timer} and
 * {@code intune-agent.service} in the user unit directories (the package installs them under
 * {@code /usr/lib/systemd/user}; an administrator's copy under {@code /etc/systemd/user} counts too), each unit
 * named once, from the first directory that has it. Nothing is read: the question is only whether the file is
 * there.
 */
final class FileIntuneInstallation implements IntuneInstallation {
    /** The package's home: its programs are in {@code bin/} ({@code intune-portal}, {@code intune-agent}). */
    static final String HOME = "/opt/microsoft/intune";
    /** The agent's program, which the user service runs. */
    static final String AGENT = HOME + "/bin/intune-agent";

    private final LinuxPaths paths;

    @Inject
    FileIntuneInstallation(LinuxPaths paths) {
        this.paths = paths;
    }

    @Override
    public List<String> files() {
        List<String> found = new ArrayList<>();
        if (Files.exists(paths.system(AGENT))) {
            found.add(AGENT);
        }
        for (String unit : List.of(IntuneAgent.TIMER, IntuneAgent.SERVICE)) {
            // the first directory only: with a merged /usr, /lib/systemd/user is /usr/lib/systemd/user
            FileBrokerInstallation.USER_UNIT_DIRS.stream().map(d -> d + "/" + unit)
                    .filter(f -> Files.exists(paths.system(f))).findFirst().ifPresent(found::add);
        }
        return found;
    }
}
