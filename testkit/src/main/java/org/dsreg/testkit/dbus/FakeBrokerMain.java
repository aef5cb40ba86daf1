package org.dsreg.testkit.dbus;

import org.dsreg.testkit.ServeUntilStopped;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs a {@link FakeBroker} as a process, for scripts and benchmarks:
 *
 * <pre>
 * java -cp ... org.dsreg.testkit.dbus.FakeBrokerMain --address ADDR --profile NAME
 *      [--export-delay-ms N] [--vanish-after N] [--account UPN:TENANT]... [--ignore-stdin]
 * </pre>
 *
 * <p>Prints {@code ready} on stdout once the broker object is exported, then runs until its standard input
 * reaches end of file (unless {@code --ignore-stdin}) or it gets SIGTERM/SIGINT. Exit code 0 on a normal stop,
 * 2 on bad arguments, 1 when the broker cannot start.
 */
public final class FakeBrokerMain {

    private FakeBrokerMain() {
    }

    /**
     * Entry point.
     *
     * @param args the arguments described in the class comment
     */
    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
        // exit explicitly: no lingering non-daemon thread may keep the JVM (and the bus name) alive
        System.exit(0);
    }

    /**
     * Runs the broker until {@code stdin} ends (or the JVM is asked to stop).
     *
     * @param args   the arguments
     * @param stdin  read until end of file
     * @param stdout receives {@code ready}
     * @param stderr receives usage and errors
     * @return the exit code
     */
    static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        String address = null;
        BrokerProfile profile = null;
        boolean ignoreStdin = false;
        FakeBrokerBuilder builder = null;
        Duration exportDelay = Duration.ZERO;
        int vanishAfter = 0;
        java.util.List<String> accounts = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--address" -> address = value(args, ++i);
                    case "--profile" -> profile = BrokerProfile.valueOf(value(args, ++i).toUpperCase(Locale.ROOT));
                    case "--export-delay-ms" -> exportDelay = Duration.ofMillis(Long.parseLong(value(args, ++i)));
                    case "--vanish-after" -> vanishAfter = Integer.parseInt(value(args, ++i));
                    case "--account" -> accounts.add(value(args, ++i));
                    case "--ignore-stdin" -> ignoreStdin = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (address == null || profile == null) {
                throw new IllegalArgumentException("--address and --profile are required");
            }
            builder = FakeBroker.builder(profile).exportDelay(exportDelay).vanishAfterCalls(vanishAfter);
            for (String account : accounts) {
                int colon = account.lastIndexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("--account wants UPN:TENANT, got " + account);
                }
                builder.account(account.substring(0, colon), account.substring(colon + 1));
            }
        } catch (IllegalArgumentException e) {
            stderr.println("FakeBrokerMain: " + e.getMessage());
            stderr.println("usage: FakeBrokerMain --address ADDR --profile " + java.util.Arrays.toString(
                    BrokerProfile.values()) + " [--export-delay-ms N] [--vanish-after N] [--account UPN:TENANT]..."
                    + " [--ignore-stdin]");
            return 2;
        }

        FakeBroker broker;
        try {
            broker = builder.start(address);
            if (!broker.awaitExported(exportDelay.plusSeconds(10))) {
                stderr.println("FakeBrokerMain: the broker object was not exported in time");
                broker.close();
                return 1;
            }
        } catch (Exception e) {
            stderr.println("FakeBrokerMain: cannot start the fake broker on " + address + ": " + e);
            return 1;
        }

        ServeUntilStopped.serve(broker, stdin, ignoreStdin, () -> {
            stdout.println("ready");
            stdout.flush();
        });
        return 0;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
