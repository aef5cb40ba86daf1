package org.dsreg.adapter.linux;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import javax.inject.Inject;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Remedy;
import org.dsreg.spi.state.StateDirectory;
import org.dsreg.port.out.StateLock;
import org.dsreg.spi.state.StateTreeException;

/** An advisory lock on {@code <state>/.lock}: one dsreg at a time changes state. */
final class FileStateLock implements StateLock {
    private final LinuxPaths paths;

    @Inject
    FileStateLock(LinuxPaths paths) {
        this.paths = paths;
    }

    @Override
    public Held acquire() {
        FileChannel channel;
        try (StateDirectory state = paths.stateTree().create(paths.stateDir(), StateDirectory.DIR_0755)) {
            channel = state.lockFile(".lock");
        } catch (StateTreeException e) {
            if (e.rule() == StateTreeException.Rule.PERMISSION_DENIED) {
                throw new DsregException(ErrorKind.INSUFFICIENT_PERMISSIONS, "cannot write to the state directory "
                        + paths.stateDir() + ": permission denied", Remedy.either(new Remedy.RunAsRoot(),
                        new Remedy.OwnStateDir()), e);
            }
            throw e;
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new DsregException(ErrorKind.QUERY_FAILED, "another dsreg is changing the registration in "
                        + paths.stateDir(), Remedy.say("wait for it to finish, then try again"), null);
            }
            FileLock held = lock;
            return () -> {
                try {
                    held.release();
                    channel.close();
                } catch (IOException e) {
                    // the lock goes with the process anyway
                }
            };
        } catch (IOException e) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "cannot lock the state directory " + paths.stateDir()
                    + ": " + e.getMessage(), e);
        }
    }
}
