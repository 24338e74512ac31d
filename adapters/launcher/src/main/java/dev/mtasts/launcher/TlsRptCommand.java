package dev.mtasts.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mtasts tlsrpt}: TLS-RPT reports (RFC 8460): import them, summarise them, and say when to enforce. */
@Command(
        name = "tlsrpt",
        mixinStandardHelpOptions = true,
        description =
                "TLS-RPT reports (RFC 8460): import what senders mail back, summarise it, judge enforce readiness.",
        subcommands = {TlsRptImportCommand.class, TlsRptSummaryCommand.class})
final class TlsRptCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "a subcommand is required: 'mtasts tlsrpt import FILE...' or 'mtasts tlsrpt summary DOMAIN'");
    }
}
