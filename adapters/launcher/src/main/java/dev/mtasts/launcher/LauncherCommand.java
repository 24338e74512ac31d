package dev.mtasts.launcher;

import dev.mtasts.core.config.ConfigException;
import dev.mtasts.core.config.ConfigLoader;
import dev.mtasts.core.input.DomainInput;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code mtasts} command shares: its picocli spec, the streams it writes to (so tests can capture them),
 * and how it reads a domain argument (bad input is a one-line usage error with exit status 64).
 */
abstract class LauncherCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Runs the command; returns its exit status (see {@link ExitCodes}). */
    abstract int run(PrintWriter out, PrintWriter err) throws Exception;

    /** The configuration file (or none: the defaults with their environment overrides), or a usage error. */
    static BotConfig config(@Nullable Path configFile) {
        if (configFile != null && !Files.isReadable(configFile)) {
            throw new UsageException("--config: cannot read " + configFile);
        }
        try {
            return ConfigLoader.fromSystemEnvironment().load(Optional.ofNullable(configFile), BotConfig.class);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The normalised domain, or a {@link UsageException} with the normaliser's reason. */
    static DomainInput.Valid domain(String argument) {
        return switch (DomainInput.parse(argument)) {
            case DomainInput.Valid valid -> valid;
            case DomainInput.Invalid invalid -> throw new UsageException(invalid.reason());
        };
    }
}
