package org.dsreg.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.util.Map;
import org.dsreg.embed.StoppingDsreg;

/**
 * The {@code dsreg} command as {@link Main} runs it, its use cases wired by
 * {@link org.dsreg.embed.internal.StoppingComponent}: an identity replacement halts the JVM (or fails) at the step
 * its environment names. A test program: {@link RekeyCrashIT} runs it as its own process, on the test classpath.
 */
public final class StoppingMain {
    private StoppingMain() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        DsregCommand command = new DsregCommand(env, false, new BufferedReader(new StringReader("")),
                settings -> StoppingDsreg.create(settings, env));
        int code = Cli.configured(command, out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
