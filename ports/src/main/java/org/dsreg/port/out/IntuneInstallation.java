package org.dsreg.port.out;

import java.util.List;

/** Which files of Microsoft's Intune agent (the {@code intune-portal} package) are on this host. */
public interface IntuneInstallation {
    /** The package's files found (their paths on this host, as the package installs them), in a fixed order. */
    List<String> files();
}
