package org.dsreg.cli;

import java.nio.file.Path;
import org.dsreg.testkit.drs.DrsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test class whose every test has its own {@link SwtpmEmulatorRuns}: swtpm, the DRS emulator, a state directory. */
abstract class SwtpmEmulatorCase {
    @TempDir
    Path dir;
    SwtpmEmulatorRuns runs;
    StatusFixture fx;
    DrsEmulator drs;
    Path token;

    @BeforeEach
    void start() throws Exception {
        runs = new SwtpmEmulatorRuns(dir);
        fx = runs.fx;
        drs = runs.drs;
        token = runs.token;
    }

    @AfterEach
    void stop() {
        runs.close();
    }

    /** dsreg ARGS against the emulator and the swtpm ({@link SwtpmEmulatorRuns#dsreg}). */
    StatusFixture.Run dsreg(String... args) {
        return runs.dsreg(args);
    }
}
