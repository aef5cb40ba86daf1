package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dsreg.testkit.ExternalTools;

/**
 * The command line that runs the packaged {@code dsreg.jar} as its own process, with a private root
 * and buses whose sockets do not exist: never the host's files, brokers or systemd.
 */
final class PackagedCli {
    static final Path JAR = Path.of("target", "dsreg.jar");

    private PackagedCli() {
    }

    /** {@code java -jar dsreg.jar --state-dir STATE ARGS...}, with DSREG_ROOT and the buses under {@code dir}. */
    static List<String> command(Path dir, Path state, List<String> args) {
        assertTrue(Files.isRegularFile(JAR), "package the CLI first (mvn verify does)");
        List<String> cmd = new ArrayList<>(List.of(ExternalTools.require("env", "coreutils").toString(),
                "DSREG_ROOT=" + dir.resolve("root"),
                "DBUS_SESSION_BUS_ADDRESS=unix:path=" + dir.resolve("no-session-bus"),
                "DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + dir.resolve("no-system-bus"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--state-dir", state.toString()));
        cmd.addAll(args);
        return cmd;
    }
}
