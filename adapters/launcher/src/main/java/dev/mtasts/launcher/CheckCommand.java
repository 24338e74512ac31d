package dev.mtasts.launcher;

import com.google.inject.Injector;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.Report;
import dev.mtasts.core.ReportJson;
import dev.mtasts.core.ReportText;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.spi.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtasts check}: checks one domain or thousands, as a terminal report or JSON. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Check the MTA-STS and TLS-RPT deployment of one or more domains.",
        footer = {
            "",
            "Exit status: 0 all pass/info, 1 worst is warn, 2 any fail, 64 bad input or usage (reason on stderr)."
        })
final class CheckCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

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
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> inputs = new ArrayList<>(domains);
        if (file != null) {
            inputs.addAll(readDomainFile(file));
        }
        if (inputs.isEmpty()) {
            throw new UsageException("no domain given: mtasts check example.com (or --file FILE)");
        }
        EngineSettings settings = network.apply(EngineSettings.defaults());
        if (concurrency != null) {
            if (concurrency < 1 || concurrency > 1024) {
                throw new UsageException("--concurrency: give 1 to 1024, not " + concurrency);
            }
            settings = settings.withConcurrency(concurrency);
        }
        List<DomainInput.Valid> valid = new ArrayList<>();
        boolean invalidSeen = false;
        for (String input : inputs) {
            switch (DomainInput.parse(input)) {
                case DomainInput.Valid ok -> valid.add(ok);
                case DomainInput.Invalid invalid -> {
                    err.println("mtasts: " + invalid.reason());
                    invalidSeen = true;
                }
            }
        }
        if (valid.isEmpty()) {
            return ExitCodes.USAGE;
        }
        HistoryStore history = StoreOptions.openOrWarn(store.settings(settings.dataDir(), System::getenv), err);
        try {
            // One run: each MX host is probed once, however many of the domains share it.
            Injector injector = Bootstrap.injector(
                    settings,
                    history,
                    EngineModule.smtp(
                            network.applySmtp(SmtpSettings.defaults().withCacheScope(SmtpSettings.CacheScope.RUN))));
            CheckService service = injector.getInstance(CheckService.class);
            Severity worst = valid.size() == 1
                    ? printOne(service.check(valid.getFirst()), out)
                    : checkMany(service, valid, settings.concurrency(), out, err);
            out.flush();
            return invalidSeen ? ExitCodes.USAGE : ExitCodes.of(worst);
        } finally {
            history.close();
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

    /** Checks in parallel, printing in input order as results become available. */
    private Severity checkMany(
            CheckService service, List<DomainInput.Valid> inputs, int concurrency, PrintWriter out, PrintWriter err) {
        boolean progress = Terminal.isTerminal();
        Semaphore permits = new Semaphore(concurrency);
        AtomicInteger finished = new AtomicInteger();
        List<CompletableFuture<Report>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (DomainInput.Valid input : inputs) {
                futures.add(CompletableFuture.supplyAsync(
                        () -> {
                            permits.acquireUninterruptibly();
                            try {
                                return service.check(input);
                            } finally {
                                permits.release();
                                if (progress) {
                                    synchronized (err) {
                                        err.print(
                                                "\r[" + finished.incrementAndGet() + "/" + inputs.size() + "] checked");
                                        err.flush();
                                    }
                                }
                            }
                        },
                        executor));
            }
            Severity worst = Severity.PASS;
            ReportText text = new ReportText(Terminal.colourWanted());
            for (CompletableFuture<Report> future : futures) {
                Report report = future.join();
                synchronized (err) {
                    if (json) {
                        out.println(ReportJson.toLine(report));
                    } else {
                        out.print(text.render(report));
                        out.println();
                    }
                    out.flush();
                }
                if (report.status().isWorseThan(worst)) {
                    worst = report.status();
                }
            }
            if (progress) {
                err.println();
            }
            return worst;
        }
    }

    private static List<String> readDomainFile(Path file) {
        List<String> lines;
        try {
            lines = file.toString().equals("-")
                    ? List.of(new String(System.in.readAllBytes(), StandardCharsets.UTF_8).split("\\R"))
                    : Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--file: cannot read " + file + " (" + e.getMessage() + ")");
        }
        List<String> domains = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                domains.add(trimmed);
            }
        }
        return domains;
    }
}
