package dev.mtasts.launcher;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mtasts}: the command-line front end and the bot's process entry point. */
@Command(
        name = "mtasts",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Validates MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) deployments.",
        subcommands = {
            CheckCommand.class,
            ServeCommand.class,
            HistoryCommand.class,
            SubscriptionsCommand.class,
            TlsRptCommand.class,
            DemoCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve") && System.getProperty("mtasts.log.level") == null) {
            System.setProperty("mtasts.log.level", "INFO"); // before the first logger exists
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI and returns its exit status; the streams are parameters so tests can capture them. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine command = exception.getCommandLine();
            command.getErr().println("mtasts: " + exception.getMessage());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof UsageException usage) {
                command.getErr().println("mtasts: " + usage.getMessage());
                return ExitCodes.USAGE;
            }
            command.getErr().println("mtasts: internal error: " + exception);
            return ExitCodes.SOFTWARE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a command is required, e.g. 'mtasts check example.com'");
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mtasts " + (version == null ? "development" : version)};
        }
    }
}
