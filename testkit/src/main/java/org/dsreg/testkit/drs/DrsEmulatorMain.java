package org.dsreg.testkit.drs;

import org.dsreg.testkit.ServeUntilStopped;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs a {@link DrsEmulator} as a process, for scripts and manual tests:
 *
 * <pre>
 * java -cp ... org.dsreg.testkit.drs.DrsEmulatorMain --dir DIR [--port N] [--token UPN]...
 *      [--refresh-token UPN]... [--tenant-id GUID] [--domain DOMAIN] [--pending-polls N] [--poll-interval-ms N]
 *      [--require-nonce] [--prt-replies-cbc] [--fail-prt ERROR:AADSTS:DESCRIPTION] [--ignore-stdin]
 *      [--graph-token UPN]... [--deny-graph] [--certificate-validity NOTBEFORE,NOTAFTER]
 * </pre>
 *
 * <p>Prints exactly one line {@code ready <baseUrl> <caPem> <tenantId>} on stdout once the server listens, then
 * one line {@code token <jwt>} per {@code --token UPN} (a DRS access token for that user, valid one hour), one line
 * {@code refresh-token <token>} per {@code --refresh-token UPN} (a user refresh token issued to the broker client
 * {@value DrsEmulator#BROKER_CLIENT_ID}, for a first PRT), and nothing else. {@code --fail-prt} refuses every PRT
 * request with that error ({@link DrsEmulator#failPrtRequests}); {@code --prt-replies-cbc} is
 * {@link DrsEmulatorBuilder#prtRepliesCbc(boolean)}. For an operator: one line {@code graph-token <jwt>} per
 * {@code --graph-token UPN} (an access token for Microsoft Graph, {@code aud} {@code https://graph.microsoft.com},
 * valid one hour), {@code --deny-graph} ({@link DeviceAdmin#denyGraph(boolean)}) and {@code --certificate-validity}
 * ({@link DeviceAdmin#certificateValidity}, two ISO-8601 durations, e.g. {@code -P2D,-P1D} for expired
 * certificates). Runs until its standard input reaches end of file (unless {@code --ignore-stdin}; use it when
 * stdin is {@code /dev/null}, e.g. in the background) or it gets SIGTERM/SIGINT. Exit code 0 on a normal stop, 2
 * on bad arguments, 1 when the emulator cannot start. Diagnostics go to stderr.
 *
 * <p>While it runs, each line of standard input is an operator's command ({@link OperatorCommands}), answered by
 * one line on stdout, {@code ok …} or {@code error …} (an unknown or malformed command, a device it does not have:
 * nothing changes and the emulator keeps serving):
 *
 * <pre>
 * disable DEVICEID | enable DEVICEID | delete DEVICEID
 * manage DEVICEID compliant|noncompliant|unmanaged
 * </pre>
 *
 * <p>so that a script (a coprocess, a FIFO) or a person at the terminal disables, enables or deletes a device, or
 * sets its management and compliance state, between two dsreg runs. With {@code --ignore-stdin} no command is read.
 */
public final class DrsEmulatorMain {

    private DrsEmulatorMain() {
    }

    /**
     * Entry point.
     *
     * @param args the arguments described in the class comment
     */
    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        // exit explicitly: nothing may keep the JVM alive after the emulator stopped
        System.exit(code);
    }

    /**
     * Runs the emulator until {@code stdin} ends (or the JVM is asked to stop).
     *
     * @param args   the arguments
     * @param stdin  read until end of file, each line an operator's command
     * @param stdout receives the {@code ready} and {@code token} lines, then one answer per command
     * @param stderr receives usage and errors
     * @return the exit code
     */
    static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        return run(args, stdin, stdout, stderr, emulator -> { });
    }

    /**
     * As {@link #run(String[], InputStream, PrintStream, PrintStream)}, telling {@code started} the emulator once it
     * listens (a test's view of what the commands change).
     */
    static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr,
                   Consumer<DrsEmulator> started) {
        Path dir = null;
        boolean ignoreStdin = false;
        List<String> tokens = new ArrayList<>();
        List<String> refreshTokens = new ArrayList<>();
        List<String> graphTokens = new ArrayList<>();
        String[] failPrt = null;
        boolean denyGraph = false;
        Duration[] validity = null;
        DrsEmulatorBuilder builder = DrsEmulator.builder();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--dir" -> dir = Path.of(value(args, ++i));
                    case "--port" -> builder.port(Integer.parseInt(value(args, ++i)));
                    case "--token" -> tokens.add(value(args, ++i));
                    case "--tenant-id" -> builder.tenantId(UUID.fromString(value(args, ++i)));
                    case "--domain" -> builder.tenantDomain(value(args, ++i));
                    case "--pending-polls" -> builder.pendingPolls(Integer.parseInt(value(args, ++i)));
                    case "--poll-interval-ms" -> builder.pollInterval(Duration.ofMillis(Long.parseLong(value(args, ++i))));
                    case "--require-nonce" -> builder.requireNonce(true);
                    case "--refresh-token" -> refreshTokens.add(value(args, ++i));
                    case "--prt-replies-cbc" -> builder.prtRepliesCbc(true);
                    case "--fail-prt" -> failPrt = failure(value(args, ++i));
                    case "--ignore-stdin" -> ignoreStdin = true;
                    case "--graph-token" -> graphTokens.add(value(args, ++i));
                    case "--deny-graph" -> denyGraph = true;
                    case "--certificate-validity" -> validity = validity(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("--dir is required");
            }
        } catch (IllegalArgumentException e) {
            stderr.println("DrsEmulatorMain: " + e.getMessage());
            stderr.println("usage: DrsEmulatorMain --dir DIR [--port N] [--token UPN]... [--tenant-id GUID]"
                    + " [--refresh-token UPN]... [--domain DOMAIN] [--pending-polls N] [--poll-interval-ms N]"
                    + " [--require-nonce] [--prt-replies-cbc] [--fail-prt ERROR:AADSTS:DESCRIPTION] [--ignore-stdin]"
                    + " [--graph-token UPN]... [--deny-graph] [--certificate-validity NOTBEFORE,NOTAFTER]");
            return 2;
        }

        DrsEmulator emulator;
        try {
            emulator = builder.start(dir);
        } catch (RuntimeException e) {
            stderr.println("DrsEmulatorMain: cannot start the DRS emulator: " + e);
            return 1;
        }
        if (failPrt != null) {
            emulator.failPrtRequests(failPrt[0], Integer.parseInt(failPrt[1]), failPrt[2]);
        }
        emulator.admin().denyGraph(denyGraph);
        if (validity != null) {
            emulator.admin().certificateValidity(validity[0], validity[1]);
        }
        started.accept(emulator);
        OperatorCommands commands = new OperatorCommands(emulator.admin());
        ServeUntilStopped.serve(emulator, stdin, ignoreStdin, () -> {
            stdout.println("ready " + emulator.baseUrl() + " " + emulator.caPem().toAbsolutePath() + " "
                    + emulator.tenantId());
            for (String upn : tokens) {
                stdout.println("token " + emulator.issueAccessToken(upn));
            }
            for (String upn : refreshTokens) {
                stdout.println("refresh-token " + emulator.issueRefreshToken(upn, DrsEmulator.BROKER_CLIENT_ID));
            }
            for (String upn : graphTokens) {
                stdout.println("graph-token " + emulator.issueAccessToken(upn, GraphDevicesEndpoint.GRAPH_RESOURCE));
            }
            stdout.flush();
        }, line -> {
            String answer = commands.answer(line);
            if (answer != null) {
                stdout.println(answer);
                stdout.flush();
            }
        });
        return 0;
    }

    /** {@code ERROR:AADSTS:DESCRIPTION}: an OAuth error, a number, the rest (which may hold colons). */
    private static String[] failure(String spec) {
        String[] parts = spec.split(":", 3);
        if (parts.length != 3 || parts[0].isBlank() || !parts[1].matches("\\d{1,9}")) {
            throw new IllegalArgumentException("--fail-prt needs ERROR:AADSTS:DESCRIPTION, e.g. "
                    + "invalid_grant:135011:Device used during the authentication is disabled.");
        }
        return parts;
    }

    /** {@code NOTBEFORE,NOTAFTER}: two ISO-8601 durations, the second after the first. */
    private static Duration[] validity(String spec) {
        String[] parts = spec.split(",", -1);
        try {
            if (parts.length == 2) {
                Duration[] d = {Duration.parse(parts[0].trim()), Duration.parse(parts[1].trim())};
                if (d[1].compareTo(d[0]) > 0) {
                    return d;
                }
            }
        } catch (java.time.format.DateTimeParseException e) {
            // the message below
        }
        throw new IllegalArgumentException("--certificate-validity needs NOTBEFORE,NOTAFTER, two ISO-8601"
                + " durations from the moment of issue, the second later, e.g. -P2D,-P1D (expired) or -PT5M,P10D");
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
