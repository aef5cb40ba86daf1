package org.dsreg.testkit.dbus;

import java.nio.file.Path;
import org.dsreg.testkit.ServeUntilStopped;

/**
 * Runs a {@link BrokerMachine} as a process, for scripts and benchmarks:
 *
 * <pre>
 * java -cp ... org.dsreg.testkit.dbus.BrokerMachineMain DIR [--ignore-stdin]
 * </pre>
 *
 * <p>Prints {@code ready}, then one {@code env NAME=VALUE} line per variable of a dsreg run on that
 * machine ({@link BrokerMachine#environment()}), then serves until standard input ends (or, with
 * {@code --ignore-stdin}, until SIGTERM). Exit code 2 on bad arguments, 1 when it cannot start.
 */
public final class BrokerMachineMain {
    private BrokerMachineMain() {
    }

    /**
     * Entry point.
     *
     * @param args DIR, then optionally {@code --ignore-stdin}
     */
    public static void main(String[] args) {
        boolean ignoreStdin = args.length == 2 && "--ignore-stdin".equals(args[1]);
        if (args.length < 1 || args.length > 2 || args.length == 2 && !ignoreStdin) {
            System.err.println("usage: BrokerMachineMain DIR [--ignore-stdin]");
            System.exit(2);
        }
        BrokerMachine machine;
        try {
            machine = BrokerMachine.start(Path.of(args[0]));
        } catch (Exception | AssertionError e) {
            System.err.println("BrokerMachineMain: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        ServeUntilStopped.serve(machine, System.in, ignoreStdin, () -> {
            System.out.println("ready");
            machine.environment().forEach((k, v) -> System.out.println("env " + k + "=" + v));
            System.out.flush();
        });
        System.exit(0);
    }
}
