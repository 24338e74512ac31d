package dev.mtasts.launcher;

import dev.mtasts.core.input.DomainInput;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code mtasts} command shares: its picocli spec, the streams it writes to (so tests can capture them),
 * and how it reads a domain argument (bad input is a one-line usage error with exit status 64).
 */
abstract class LauncherCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The normalised domain, or a {@link UsageException} with the normaliser's reason. */
    static DomainInput.Valid domain(String argument) {
        return switch (DomainInput.parse(argument)) {
            case DomainInput.Valid valid -> valid;
            case DomainInput.Invalid invalid -> throw new UsageException(invalid.reason());
        };
    }
}
