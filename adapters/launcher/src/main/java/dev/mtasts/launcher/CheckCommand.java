package dev.mtasts.launcher;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.Report;
import dev.mtasts.core.ReportJson;
import dev.mtasts.core.ReportText;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.history.WriteBehindHistoryStore;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.spi.Severity;
import dev.mtasts.store.StoreSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mtasts check}: checks one domain or thousands, as a terminal report or JSON. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Check the MTA-STS and TLS-RPT deployment of one or more domains.",
        footer = {
            "",
            "Exit status: 0 all pass/info, 1 worst is warn, 2 any fail, 64 bad input or usage (reason on stderr)."
        })
final class CheckCommand extends LauncherCommand {
    /** Observations of a bulk run that may wait for the history writer, and how many go into one commit. */
    private static final int HISTORY_QUEUE = 1024;

    private static final int HISTORY_BATCH = 256;

    @Parameters(paramLabel = "DOMAIN", arity = "0..*", description = "domains (e-mail addresses and URLs are fine)")
    List<String> domains = new ArrayList<>();

    @Option(
            names = "--file",
            paramLabel = "FILE",
            description = "one domain per line; blank lines and # comments skipped ('-' for stdin)")
    Path file;

    @Option(
            names = "--json",
            description = "one JSON object for one domain; JSON Lines (one object per line) for several")
    boolean json;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "domains in flight at once with several domains (default 32)")
    Integer concurrency;

    @Mixin
    NetworkOptions network;

    @Mixin
    StoreOptions store;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        EngineSettings settings = network.apply(EngineSettings.defaults());
        if (concurrency != null) {
            if (concurrency < 1 || concurrency > 1024) {
                throw new UsageException("--concurrency: give 1 to 1024, not " + concurrency);
            }
            settings = settings.withConcurrency(concurrency);
        }
        // Inputs are read as they are needed: a file of millions of domains is never held in memory.
        try (DomainLines lines = new DomainLines(domains, file)) {
            ValidInputs inputs = new ValidInputs(lines, err);
            DomainInput.Valid first = inputs.next();
            if (first == null) {
                if (!inputs.invalidSeen()) {
                    throw new UsageException("no domain given: mtasts check example.com (or --file FILE)");
                }
                return ExitCodes.USAGE;
            }
            DomainInput.Valid second = inputs.next();
            if (second != null) {
                BouncyCastleEc.install(); // several domains: a handshake and a certificate path each
            }
            StoreSettings storeSettings = store.settings(System::getenv);
            // opens while the engine starts and the first lookups run; a store that cannot open turns history off
            HistoryStore opened =
                    new DeferredHistoryStore(() -> StoreOptions.openOrWarn(storeSettings, second != null, err));
            // Several domains: observations are written behind the checks, many per commit, and all of them are
            // stored before the command exits (close flushes the queue).
            WriteBehindHistoryStore writeBehind =
                    second == null ? null : new WriteBehindHistoryStore(opened, HISTORY_QUEUE, HISTORY_BATCH);
            HistoryStore history = writeBehind == null ? opened : writeBehind;
            try {
                // One run: each MX host is probed once, however many of the domains share it.
                Injector injector = Bootstrap.forOneRun(
                        settings,
                        history,
                        EngineModule.smtp(network.applySmtp(
                                SmtpSettings.defaults().withCacheScope(SmtpSettings.CacheScope.RUN))));
                CheckService service = injector.getInstance(CheckService.class);
                Severity worst = second == null
                        ? printOne(service.check(first), out)
                        : checkMany(service, first, second, inputs, settings.concurrency(), out, err);
                out.flush();
                return inputs.invalidSeen() ? ExitCodes.USAGE : ExitCodes.of(worst);
            } finally {
                history.close();
                if (writeBehind != null && writeBehind.failures() > 0) {
                    err.println("mtasts: " + writeBehind.failures() + " observation(s) could not be stored in "
                            + history.describe() + " (see the log)");
                    err.flush();
                }
            }
        }
    }

    private Severity printOne(Report report, PrintWriter out) {
        if (json) {
            out.println(ReportJson.toPrettyString(report));
        } else {
            out.print(new ReportText(Terminal.colourWanted()).render(report));
        }
        return report.status();
    }

    /**
     * Checks in parallel and prints in input order as results become available. At most {@code concurrency} domains
     * are in flight and at most a bounded window of finished reports waits for an earlier, slower one, so memory stays
     * flat however many domains the input has.
     */
    private Severity checkMany(
            CheckService service,
            DomainInput.Valid first,
            DomainInput.Valid second,
            ValidInputs rest,
            int concurrency,
            PrintWriter out,
            PrintWriter err) {
        boolean progress = Terminal.isTerminal();
        int window = Math.max(16, concurrency * 4);
        Semaphore permits = new Semaphore(concurrency);
        AtomicInteger finished = new AtomicInteger();
        ArrayDeque<CompletableFuture<Report>> pending = new ArrayDeque<>(window);
        ReportText text = json ? null : new ReportText(Terminal.colourWanted());
        Severity worst = Severity.PASS;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (DomainInput.Valid input = first; input != null; input = input == first ? second : rest.next()) {
                if (pending.size() >= window) {
                    worst = worse(worst, print(pending.removeFirst().join(), text, out, err));
                }
                permits.acquireUninterruptibly();
                DomainInput.Valid domain = input;
                pending.addLast(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return service.check(domain);
                            } finally {
                                permits.release();
                                if (progress) {
                                    synchronized (err) {
                                        err.print("\r[" + finished.incrementAndGet() + "] checked");
                                        err.flush();
                                    }
                                }
                            }
                        },
                        executor));
                // print whatever is already done at the head, so output flows while input is still read
                while (!pending.isEmpty() && pending.peekFirst().isDone()) {
                    worst = worse(worst, print(pending.removeFirst().join(), text, out, err));
                }
            }
            while (!pending.isEmpty()) {
                worst = worse(worst, print(pending.removeFirst().join(), text, out, err));
            }
            if (progress) {
                err.println();
            }
            return worst;
        }
    }

    private Severity print(Report report, @Nullable ReportText text, PrintWriter out, PrintWriter err) {
        synchronized (err) {
            if (text == null) {
                out.println(ReportJson.toLine(report));
            } else {
                out.print(text.render(report));
                out.println();
            }
            out.flush();
        }
        return report.status();
    }

    private static Severity worse(Severity worst, Severity status) {
        return status.isWorseThan(worst) ? status : worst;
    }

    /** The valid inputs in order; each invalid one is reported on stderr as it is met. */
    private static final class ValidInputs {
        private final Iterator<String> lines;
        private final PrintWriter err;
        private boolean invalidSeen;

        ValidInputs(DomainLines lines, PrintWriter err) {
            this.lines = lines.iterator();
            this.err = err;
        }

        /** The next valid input, or null at the end. */
        DomainInput.@Nullable Valid next() {
            while (lines.hasNext()) {
                switch (DomainInput.parse(lines.next())) {
                    case DomainInput.Valid ok -> {
                        return ok;
                    }
                    case DomainInput.Invalid invalid -> {
                        err.println("mtasts: " + invalid.reason());
                        invalidSeen = true;
                    }
                }
            }
            return null;
        }

        boolean invalidSeen() {
            return invalidSeen;
        }
    }

    /** The domains given as arguments, then the lines of {@code --file}, read one at a time. */
    private static final class DomainLines implements Iterable<String>, AutoCloseable {
        private final List<String> arguments;
        private final @Nullable BufferedReader reader;
        private final @Nullable Path file;

        DomainLines(List<String> arguments, @Nullable Path file) {
            this.arguments = arguments;
            this.file = file;
            try {
                this.reader = file == null
                        ? null
                        : file.toString().equals("-")
                                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                                : Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("--file: cannot read " + file + " (" + e.getMessage() + ")");
            }
        }

        @Override
        public Iterator<String> iterator() {
            Iterator<String> given = arguments.iterator();
            return new Iterator<>() {
                private @Nullable String next;

                @Override
                public boolean hasNext() {
                    if (next != null) {
                        return true;
                    }
                    if (given.hasNext()) {
                        next = given.next();
                        return true;
                    }
                    while (reader != null) {
                        String line;
                        try {
                            line = reader.readLine();
                        } catch (IOException e) {
                            throw new UsageException("--file: cannot read " + file + " (" + e.getMessage() + ")");
                        }
                        if (line == null) {
                            return false;
                        }
                        String trimmed = line.strip();
                        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                            next = trimmed;
                            return true;
                        }
                    }
                    return false;
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    String value = requireNonNull(next, "next is null");
                    next = null;
                    return value;
                }
            };
        }

        @Override
        public void close() {
            if (reader != null && file != null && !file.toString().equals("-")) {
                try {
                    reader.close();
                } catch (IOException e) {
                    // nothing was written; nothing to lose
                }
            }
        }
    }
}
