package dev.mtasts.launcher;

import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.tlsrpt.ImportOutcome;
import dev.mtasts.tlsrpt.ReportSource;
import dev.mtasts.tlsrpt.TlsRptService;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mtasts tlsrpt import FILE...}: stores reports from files, folders and standard input. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import TLS-RPT reports: .json, .json.gz/.gz and .eml (multipart/report) files, folders of them,"
                + " and - for standard input. A resent report (same organisation and report-id) is counted once.",
        footer = {
            "",
            "One line per report. Exit status: 0 all imported (or already stored), 65 some were rejected (the others"
                    + " were imported), 66 a file could not be read, 64 usage, 69 the store is unavailable."
        })
final class TlsRptImportCommand extends LauncherCommand {
    /** Some reports were rejected (sysexits EX_DATAERR). */
    static final int REJECTED = 65;
    /** A file could not be read (sysexits EX_NOINPUT). */
    static final int NO_INPUT = 66;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "report files or folders; - reads standard input")
    List<String> files = new ArrayList<>();

    @Mixin
    StoreOptions store;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        StoreSettings settings = store.settings(System::getenv);
        int stored = 0;
        int duplicates = 0;
        int rejected = 0;
        boolean unreadable = false;
        try (JdbcHistoryStore history = JdbcHistoryStore.open(settings, Clock.systemUTC())) {
            TlsRptService service = TlsRptService.over(history, settings.retentionDays(), Clock.systemUTC());
            for (String argument : files) {
                List<Path> inputs;
                if (argument.equals("-")) {
                    inputs = List.of(Path.of("-"));
                } else {
                    try {
                        inputs = expand(Path.of(argument));
                    } catch (IOException | RuntimeException e) {
                        err.println("mtasts: " + argument + ": cannot read: " + reason(e));
                        unreadable = true;
                        continue;
                    }
                }
                for (Path input : inputs) {
                    List<ImportOutcome> outcomes;
                    try {
                        outcomes = importOne(service, input);
                    } catch (IOException e) {
                        err.println("mtasts: " + input + ": cannot read: " + reason(e));
                        unreadable = true;
                        continue;
                    }
                    for (ImportOutcome outcome : outcomes) {
                        // File and attachment names are untrusted: no control characters reach the terminal.
                        out.println((outcome.source() + ": " + outcome.line()).replaceAll("\\p{Cntrl}", "?"));
                        switch (outcome) {
                            case ImportOutcome.Stored s -> stored++;
                            case ImportOutcome.Duplicate d -> duplicates++;
                            case ImportOutcome.Rejected r -> rejected++;
                        }
                    }
                }
            }
            out.println("imported " + stored + " new report" + (stored == 1 ? "" : "s") + ", " + duplicates
                    + " already stored, " + rejected + " rejected (" + history.describe() + ")");
            out.flush();
        }
        if (unreadable) {
            return NO_INPUT;
        }
        return rejected > 0 ? REJECTED : ExitCodes.OK;
    }

    private static List<ImportOutcome> importOne(TlsRptService service, Path input) throws IOException {
        if (input.toString().equals("-")) {
            return service.acceptAny(System.in, new ReportSource("-", Optional.empty()));
        }
        String name = input.getFileName() == null
                ? input.toString()
                : input.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        try (InputStream in = Files.newInputStream(input)) {
            if (lower.endsWith(".eml")) {
                return service.acceptMessage(in, input.toString());
            }
            ReportSource source = new ReportSource(input.toString(), ReportSource.domainFromFileName(name));
            if (lower.endsWith(".json") || lower.endsWith(".gz")) {
                return List.of(service.accept(in, source));
            }
            return service.acceptAny(in, source);
        }
    }

    /** A file as is; a folder as its report files (.json, .gz, .eml), recursively, sorted. */
    private static List<Path> expand(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("no such file or folder");
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                        return !name.startsWith(".")
                                && (name.endsWith(".json") || name.endsWith(".gz") || name.endsWith(".eml"));
                    })
                    .sorted()
                    .toList();
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return message == null
                ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }
}
