package dev.mtasts.launcher;

import dev.mtasts.core.StoreException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mtasts}: the command-line front end and the bot's process entry point. */
@Command(
        name = "mtasts",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Validates MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) deployments.")
public final class Main implements Runnable {
    /** The subcommands, in the order {@code --help} lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            CheckCommand.class,
            ServeCommand.class,
            HistoryCommand.class,
            SubscriptionsCommand.class,
            TlsRptCommand.class,
            DemoCommand.class);

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
        // Start-up: picocli otherwise probes the class path for Groovy closures; Guice otherwise generates a class per
        // provider method (we use no method interception) and records a stack trace per binding for its messages.
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("guice_bytecode_gen_option", "DISABLED");
        System.setProperty("guice_include_stack_traces", "OFF");
        CommandLine commandLine = new CommandLine(new Main());
        addCommands(commandLine, invoked(args));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine command = exception.getCommandLine();
            command.getErr().println("mtasts: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, command.getErr());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof UsageException usage) {
                command.getErr().println("mtasts: " + usage.getMessage());
                return ExitCodes.USAGE;
            }
            if (exception instanceof StoreException store) {
                // what the command wrote before the store failed stays ahead of the reason
                command.getOut().flush();
                command.getErr().println("mtasts: " + store.getMessage());
                return ExitCodes.UNAVAILABLE;
            }
            command.getErr().println("mtasts: internal error: " + exception);
            return ExitCodes.SOFTWARE;
        });
        return commandLine.execute(args);
    }

    /**
     * Adds the subcommands. Reading a command's options is picocli's reflection over its fields and mixins, the largest
     * part of the CLI's start-up: only the command invoked is read in full; the others stand in as their name and
     * description, which is all {@code mtasts --help} and picocli's "did you mean" need.
     */
    private static void addCommands(CommandLine root, String invoked) {
        for (Class<?> type : COMMANDS) {
            Command command = type.getAnnotation(Command.class);
            if (command.name().equals(invoked)) {
                root.addSubcommand(new CommandLine(type));
            } else {
                CommandSpec summary = CommandSpec.create().name(command.name()).mixinStandardHelpOptions(true);
                summary.usageMessage().description(command.description());
                root.addSubcommand(new CommandLine(summary));
            }
        }
    }

    /** The subcommand named on the command line: the first argument that is not an option (Main's take no value). */
    private static String invoked(String[] args) {
        for (String argument : args) {
            if (!argument.startsWith("-")) {
                return argument;
            }
        }
        return "";
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
