package org.dsreg.cli;

/** The {@code dsreg} executable. The only place in the codebase that exits the JVM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.run(args, System.getenv(), System.console() != null);
        System.exit(code);
    }
}
