package org.dsreg.cli;

import java.io.IOException;
import org.dsreg.embed.Dsreg;

/**
 * One action's own options, a picocli argument group of {@link Actions}: the action's flag and the options that go
 * with it only. Running it runs its {@code *Action}.
 */
interface ActionOptions {
    /** The flag that names the action in a message, as the user typed it to choose it. */
    String flag();

    /** Runs the action; returns the exit code. */
    int run(Dsreg dsreg, Invocation invocation) throws IOException;
}
