package org.dsreg.testkit.tpm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One swtpm for a test class, in a state directory of its own, stopped and removed after the
 * class. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SwtpmExtension tpm = new SwtpmExtension();
 * }</pre>
 *
 * A missing swtpm fails the class (see {@link Swtpm#start(Path)}); it never skips.
 */
public final class SwtpmExtension implements BeforeAllCallback, AfterAllCallback {
    private Path stateDir;
    private Swtpm swtpm;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        stateDir = Files.createTempDirectory("dsreg-swtpm");
        swtpm = Swtpm.start(stateDir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (swtpm != null) {
            swtpm.close();
        }
        if (stateDir != null) {
            try (Stream<Path> walk = Files.walk(stateDir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The running swtpm. */
    public Swtpm swtpm() {
        if (swtpm == null) {
            throw new IllegalStateException("swtpm is started before the test class's tests run");
        }
        return swtpm;
    }

    /** Its TCTI, {@code swtpm:host=127.0.0.1,port=P}. */
    public String tcti() {
        return swtpm().tcti();
    }

    /** tpm2-tools pointed at it, working in {@code dir}. */
    public Tpm2Tools tools(Path dir) {
        return swtpm().tools(dir);
    }
}
