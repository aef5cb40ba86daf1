package org.dsreg.adapter.linux;

import com.sun.security.auth.module.UnixSystem;
import javax.inject.Inject;
import org.dsreg.port.out.Privileges;

/** The effective user of this process, from the JDK's Unix system module. */
final class ProcessPrivileges implements Privileges {
    @Inject
    ProcessPrivileges() {
    }

    @Override
    public boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }
}
