package dev.mtasts.launcher;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The benchmark behind {@code ./run-benchmark}: N healthy domains that share two MX hosts, their policy hosts served
 * by nginx and their DNS by unbound when both are installed ({@link NativeFixture}, as issue #13 measured), else by
 * the in-process DNS and HTTPS servers of the test kit; the MX hosts are always the in-process SMTP server. The
 * packaged CLI ({@code ./mtasts}) runs against them as a child process, so the figures are what users run. Prints one
 * line per figure with its target and the fixture that served it; asserts nothing.
 */
public final class Benchmark {
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");
    private static String lastStatuses = "";
    private static final String POLICY = "version: STSv1\nmode: enforce\nmx: *.provider.example\nmax_age: 604800\n";
    private static final String TXT_ID = "20261128T120000";
    private static final Duration AOT_WAIT = Duration.ofSeconds(120);

    /** Where the bulk runs, the raw client and the peer send their DNS and HTTPS, and how to count what they asked. */
    private record Served(
            String label,
            String resolver,
            InetSocketAddress https,
            InetSocketAddress dnsAddress,
            LongSupplier dnsQueries,
            LongSupplier fetches) {}

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        int domains = intArgument(args, "--domains", 2000);
        int large = intArgument(args, "--large", 10_000);
        int concurrency = intArgument(args, "--concurrency", 64);
        Path root =
                Path.of(stringArgument(args, "--root", ".")).toAbsolutePath().normalize();
        Path mtasts = root.resolve("mtasts");
        String fixture = stringArgument(args, "--fixture", "auto");
        if (!List.of("auto", "native", "java").contains(fixture)) {
            System.err.println("run-benchmark: --fixture must be auto, native or java, not " + fixture);
            System.exit(2);
        }
        Path directory = Files.createTempDirectory("mtasts-bench");
        CertificateAuthority ca = CertificateAuthority.create();
        Path caFile = ca.writePem(directory.resolve("ca.pem"));
        int total = Math.max(domains, large);
        NativeFixture nativeFixture = null;
        try (DnsFixture dns = DnsFixture.start();
                HttpsFixture https = HttpsFixture.start(ca);
                SmtpFixture smtp = SmtpFixture.start(ca)) {
            for (int index = 0; index < total; index++) {
                publish(dns, "d" + index + ".bench.example", index % 2);
                https.policy("mta-sts.d" + index + ".bench.example", POLICY);
            }
            Served inProcess = new Served(
                    "in-process",
                    dns.hostAndPort(),
                    https.address(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), dns.port()),
                    () -> dns.queries().size(),
                    () -> https.requests().size());
            Served served = inProcess;
            Optional<String> whyNot = NativeFixture.whyNot();
            if (fixture.equals("java")) {
                System.out.println("fixture: in-process Java servers (--fixture java)");
            } else if (whyNot.isPresent()) {
                if (fixture.equals("native")) {
                    System.err.println("run-benchmark: --fixture native, but " + whyNot.get());
                    System.exit(2);
                }
                System.out.println("fixture: in-process Java servers (" + whyNot.get() + ")");
            } else {
                System.out.printf(
                        Locale.ROOT,
                        "fixture: starting nginx and unbound for %d policy hosts (certificates, config)…%n",
                        total);
                long started = System.nanoTime();
                try {
                    NativeFixture servers = NativeFixture.start(directory.resolve("native"), ca, total, POLICY, TXT_ID);
                    nativeFixture = servers;
                    served = new Served(
                            "nginx+unbound",
                            servers.dnsHostAndPort(),
                            servers.httpsAddress(),
                            servers.dnsAddress(),
                            servers::dnsQueries,
                            servers::httpsRequests);
                    System.out.printf(
                            Locale.ROOT,
                            "fixture: native, %s; policy hosts on nginx (one ECDSA P-256 certificate each), DNS on"
                                    + " unbound, MX hosts on the in-process SMTP server; ready in %.0f s (%s)%n",
                            NativeFixture.versions(),
                            (System.nanoTime() - started) / 1e9,
                            servers.directory());
                } catch (IOException e) {
                    if (fixture.equals("native")) {
                        System.err.println("run-benchmark: nginx/unbound did not start: " + e.getMessage());
                        System.exit(2);
                    }
                    System.out.println(
                            "fixture: in-process Java servers (nginx/unbound did not start: " + e.getMessage() + ")");
                }
            }
            List<String> network = List.of(
                    "--resolver",
                    served.resolver(),
                    "--ca-file",
                    caFile.toString(),
                    "--allow-address",
                    "127.0.0.0/8",
                    "--https-port",
                    Integer.toString(served.https().getPort()),
                    "--smtp-port",
                    Integer.toString(smtp.port()),
                    "--data-dir",
                    directory.resolve("data").toString());
            if (List.of(args).contains("--fixture-only")) {
                // for profiling by hand: the fixture stays up and the options to reach it are printed
                System.out.println(String.join(" ", network));
                Thread.sleep(Long.MAX_VALUE);
            }
            System.out.printf(
                    Locale.ROOT,
                    "mtasts benchmark: %d and %d domains sharing 2 MX hosts, concurrency %d, %d cores, Java %s,"
                            + " load %s%n",
                    domains,
                    large,
                    concurrency,
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version(),
                    loadAverage());

            if (served == inProcess) {
                // The fixture issues each host's certificate on first use: a first pass issues them all and warms it.
                rawTlsRate(https.address(), caFile, ca, total, concurrency);
            }
            double raw = rawTlsRate(served.https(), caFile, ca, domains, concurrency);
            String where = "[" + served.label() + "]";

            Path small = writeDomains(directory.resolve("domains-" + domains + ".txt"), domains);
            Path big = writeDomains(directory.resolve("domains-" + large + ".txt"), large);
            Run warmUp =
                    bulk(mtasts, network, writeDomains(directory.resolve("warm.txt"), 200), concurrency, directory, "");
            // the warm-up run (the first bulk check after a build) records the AOT cache, assembled in the background
            awaitAotCache(root, "after the warm-up bulk run");
            long queriesBefore = served.dnsQueries().getAsLong();
            long fetchesBefore = served.fetches().getAsLong();
            String profile = stringArgument(args, "--profile", "");
            Run bulk = bulk(
                    mtasts,
                    network,
                    small,
                    concurrency,
                    directory,
                    profile.isEmpty() ? "" : "-XX:StartFlightRecording=filename=" + profile + ",settings=profile");
            double dnsPerDomain = (served.dnsQueries().getAsLong() - queriesBefore) / (double) domains;
            long fetches = served.fetches().getAsLong() - fetchesBefore;
            Run bulkLarge = bulk(mtasts, network, big, concurrency, directory, "");
            dns.clearQueries();
            https.clearRequests();

            List<String> single = new ArrayList<>(List.of("check", "d1.bench.example"));
            single.addAll(network);
            List<Long> singles = new ArrayList<>();
            for (int run = 0; run < 6; run++) {
                singles.add(timed(mtasts, single, directory).millis());
                if (run == 0) {
                    // the first run records the AOT cache; the warm runs are meant to start from it
                    awaitAotCache(root, "after the first single check");
                }
            }
            long cold = singles.getFirst();
            long warm = median(singles.subList(1, singles.size()));
            System.out.println("  single check, every run (ms, the first records the AOT cache): " + singles);
            List<Long> helps = new ArrayList<>();
            for (int run = 0; run < 6; run++) {
                helps.add(timed(mtasts, List.of("--help"), directory).millis());
                if (run == 0) {
                    awaitAotCache(root, "after the first --help");
                }
            }
            System.out.println("  --help, every run (ms): " + helps);
            long help = median(helps.subList(1, helps.size()));
            double roundTrips = criticalPath(dns, https, smtp, caFile, directory);

            System.out.printf(Locale.ROOT, "warm-up bulk run: %d domains, exit %d%n", 200, warmUp.exit());
            line(
                    "%s bulk, full checks, %d domains: %.0f domains/s (%d lines, exit %d, %.1f DNS queries/domain,"
                            + " %d policy fetches)",
                    "≥ 520 domains/s",
                    bulk.rate() >= 520,
                    where,
                    domains,
                    bulk.rate(),
                    bulk.lines(),
                    bulk.exit(),
                    dnsPerDomain,
                    fetches);
            line(
                    "%s raw TLS + GET (minimal client, same fixture, concurrency %d): %.0f/s; bot/raw %.0f %%",
                    "bot ≥ 50 % of raw", bulk.rate() >= raw / 2, where, concurrency, raw, 100 * bulk.rate() / raw);
            line(
                    "%s peak RSS, %d domains: %d MB",
                    "≤ 512 MB", bulk.peakRssMb() <= 512, where, domains, bulk.peakRssMb());
            line(
                    "%s bulk, %d domains: %.0f domains/s, peak RSS %d MB (%d lines, exit %d)",
                    "≥ 520 domains/s, ≤ 512 MB",
                    bulkLarge.rate() >= 520 && bulkLarge.peakRssMb() <= 512,
                    where,
                    large,
                    bulkLarge.rate(),
                    bulkLarge.peakRssMb(),
                    bulkLarge.lines(),
                    bulkLarge.exit());
            line("%s single check, cold (first run): %d ms", "≤ 1000 ms", cold <= 1000, where, cold);
            line("%s single check, warm (median of 5 after the first): %d ms", "≤ 1000 ms", warm <= 1000, where, warm);
            line("[no fixture] --help (median of 5 after the first): %d ms", "≤ 400 ms", help <= 400, help);
            line(
                    "[in-process, DNS delayed] critical path: %.2f DNS round trips",
                    "≤ 2.2", roundTrips <= 2.2, roundTrips);
            if (PeerResolver.available()) {
                double peer =
                        PeerResolver.rate(served.dnsAddress(), served.https(), caFile, domains, concurrency, directory);
                line(
                        "%s postfix-mta-sts-resolver, TXT + policy only, %d domains: %.0f domains/s; bot/peer %.2f",
                        "bot/peer ≥ 1.0", bulk.rate() >= peer, where, domains, peer, bulk.rate() / peer);
            } else {
                System.out.println("postfix-mta-sts-resolver: skipped (" + PeerResolver.whyNot() + ")");
            }
            System.out.println(
                    "load after the run: " + loadAverage() + "; child stderr: " + directory.resolve("stderr.txt"));
        } finally {
            if (nativeFixture != null) {
                nativeFixture.close();
            }
        }
        System.exit(0);
    }

    /**
     * Waits until {@code ./mtasts} has assembled the AOT caches it recorded (no {@code *.aot.lock} directory left in
     * its launch directory), at most {@link #AOT_WAIT}, and says how long that took.
     */
    private static void awaitAotCache(Path root, String when) throws IOException, InterruptedException {
        Path launch = root.resolve("adapters/launcher/target/launch");
        long started = System.nanoTime();
        long deadline = started + AOT_WAIT.toNanos();
        List<String> locks = aotLocks(launch);
        if (locks.isEmpty()) {
            return;
        }
        while (!locks.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            locks = aotLocks(launch);
        }
        System.out.printf(
                Locale.ROOT,
                "  %s: waited %.1f s for the AOT cache to be assembled%s%n",
                when,
                (System.nanoTime() - started) / 1e9,
                locks.isEmpty() ? "" : " (gave up; still locked: " + String.join(", ", locks) + ")");
    }

    private static List<String> aotLocks(Path launch) throws IOException {
        if (!Files.isDirectory(launch)) {
            return List.of();
        }
        try (var entries = Files.list(launch)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".aot.lock"))
                    .toList();
        }
    }

    private static void line(String format, String target, boolean met, Object... values) {
        System.out.printf(
                Locale.ROOT,
                "%-100s target %s%s%n",
                String.format(Locale.ROOT, format, values),
                target,
                met ? "" : "  (missed)");
    }

    /** The result of one child run of the CLI. */
    record Run(int exit, long millis, long lines, long peakRssMb, int domains, long cpuMillis) {
        double rate() {
            return domains * 1000.0 / millis;
        }
    }

    private static Run bulk(
            Path mtasts, List<String> network, Path file, int concurrency, Path directory, String javaOptions)
            throws IOException, InterruptedException {
        List<String> arguments =
                new ArrayList<>(List.of("check", "--json", "--concurrency", Integer.toString(concurrency)));
        arguments.addAll(List.of("--file", file.toString()));
        arguments.addAll(network);
        Run run = timed(mtasts, arguments, directory, javaOptions);
        System.out.println("  " + file.getFileName() + ": " + run.millis() + " ms, statuses " + lastStatuses);
        int count = (int) Files.lines(file).count();
        System.out.printf(
                Locale.ROOT,
                "  %s: CPU %.1f s in the CLI process, %.1f ms per domain%n",
                file.getFileName(),
                run.cpuMillis() / 1000.0,
                run.cpuMillis() / (double) count);
        return new Run(run.exit(), run.millis(), run.lines(), run.peakRssMb(), count, run.cpuMillis());
    }

    /** Runs {@code ./mtasts ARGS}, counting stdout lines and sampling its processes' peak RSS (VmHWM) and CPU time. */
    private static Run timed(Path mtasts, List<String> arguments, Path directory)
            throws IOException, InterruptedException {
        return timed(mtasts, arguments, directory, "");
    }

    private static Run timed(Path mtasts, List<String> arguments, Path directory, String javaOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(mtasts.toString());
        command.addAll(arguments);
        Path errors = directory.resolve("stderr.txt");
        long started = System.nanoTime();
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
        if (!javaOptions.isEmpty()) {
            builder.environment().put("MTASTS_JAVA_OPTS", javaOptions);
        }
        Path output = directory.resolve("stdout.txt");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        // The run's process and its descendants: ./mtasts execs the JVM, except in a run that records the AOT cache,
        // where the JVM is its child (which its own figures would leave out: CPU 0.0 s).
        long peakKb = 0;
        Map<Long, Long> cpuTicksByPid = new HashMap<>();
        while (process.isAlive()) {
            List<ProcessHandle> tree = new ArrayList<>();
            tree.add(process.toHandle());
            process.descendants().forEach(tree::add);
            for (ProcessHandle member : tree) {
                Path proc = Path.of("/proc", Long.toString(member.pid()));
                peakKb = Math.max(peakKb, vmHwmKb(proc.resolve("status")));
                cpuTicksByPid.merge(member.pid(), cpuTicks(proc.resolve("stat")), Math::max);
            }
            Thread.sleep(20);
        }
        long cpuTicks =
                cpuTicksByPid.values().stream().mapToLong(Long::longValue).sum();
        int exit = process.waitFor();
        long millis = (System.nanoTime() - started) / 1_000_000;
        long lines;
        try (var stream = Files.lines(output)) {
            lines = stream.count();
        }
        if (arguments.contains("--json")) {
            Map<String, Long> statuses = new TreeMap<>();
            try (var stream = Files.lines(output)) {
                stream.forEach(line -> {
                    Matcher matcher = STATUS.matcher(line);
                    statuses.merge(matcher.find() ? matcher.group(1) : "?", 1L, Long::sum);
                });
            }
            lastStatuses = statuses.toString();
        }
        return new Run(exit, millis, lines, peakKb / 1024, 1, cpuTicks * 10);
    }

    /**
     * A process's CPU time so far in clock ticks (user + system, 100 per second on Linux): unlike wall time, it does
     * not grow when other processes share the cores.
     */
    private static long cpuTicks(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // after the command name: state is field 3, utime 14 and stime 15 (1-based over the whole line)
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended between the check and the read
        }
    }

    private static long vmHwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between the check and the read
        }
        return 0;
    }

    /**
     * A minimal client doing what a policy fetch must at least do: a new TCP connection, a full TLS handshake with
     * SNI and certificate validation, one GET, the body read to the end. Returns fetches per second.
     */
    private static double rawTlsRate(
            InetSocketAddress server, Path caFile, CertificateAuthority ca, int domains, int concurrency)
            throws InterruptedException {
        SSLContext context = ca.clientContext();
        context.getClientSessionContext().setSessionTimeout(1);
        Semaphore permits = new Semaphore(concurrency);
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index = 0; index < domains; index++) {
                String host = "mta-sts.d" + index + ".bench.example";
                permits.acquire();
                executor.submit(() -> {
                    try {
                        rawGet(context, server, host, 10_000);
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failures.get() > 0) {
            System.out.println("raw TLS client: " + failures.get() + " of " + domains + " fetches failed");
        }
        return domains / seconds;
    }

    /**
     * One policy GET the minimal way: a new TCP connection, a validated TLS handshake with SNI for {@code host}, the
     * request, and the whole response read. The raw-TLS figure and the native fixture's readiness probe both use it.
     */
    static String rawGet(SSLContext context, InetSocketAddress server, String host, int timeoutMillis)
            throws IOException {
        try (SSLSocket socket =
                (SSLSocket) context.getSocketFactory().createSocket(server.getAddress(), server.getPort())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET " + HttpsFixture.POLICY_PATH + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /**
     * The critical path of one check in DNS round trips: one domain checked in process with every DNS answer delayed
     * 200 ms; the wall time over 200 ms (the HTTPS and SMTP parts on loopback take a few ms).
     */
    private static double criticalPath(
            DnsFixture dns, HttpsFixture https, SmtpFixture smtp, Path caFile, Path directory) {
        EngineSettings settings = EngineSettings.defaults()
                .withResolvers(List.of(dns.hostAndPort()))
                .withCaFile(java.util.Optional.of(caFile))
                .withAllowedRanges(List.of("127.0.0.0/8"))
                .withHttpsPort(https.port());
        CheckService service = Bootstrap.injector(
                        settings,
                        EngineModule.smtp(SmtpSettings.defaults()
                                .withPort(smtp.port())
                                .withCacheScope(SmtpSettings.CacheScope.RUN)))
                .getInstance(CheckService.class);
        IntStream.range(0, 20).forEach(index -> service.check(valid("d" + (100 + index) + ".bench.example")));
        int delay = 200;
        dns.delay(Duration.ofMillis(delay));
        try {
            long started = System.nanoTime();
            Report report = service.check(valid("d3.bench.example"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (!report.status().label().equals("pass")) {
                System.out.println("critical path: the check's status was "
                        + report.status().label());
            }
            return millis / (double) delay;
        } finally {
            dns.delay(Duration.ZERO);
        }
    }

    private static void publish(DnsFixture dns, String domain, int mxGroup) {
        String mx = "mx" + mxGroup + ".provider.example";
        dns.txt("_mta-sts." + domain, "v=STSv1; id=20261128T120000")
                .txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tls@" + domain)
                .mx(domain, 10, mx)
                .a(mx, "127.0.0.1")
                .a("mta-sts." + domain, "127.0.0.1");
    }

    static Path writeDomains(Path file, int count) throws IOException {
        List<String> lines = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            lines.add("d" + index + ".bench.example");
        }
        return Files.write(file, lines);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static DomainInput.Valid valid(String domain) {
        return (DomainInput.Valid) DomainInput.parse(domain);
    }

    private static int intArgument(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArgument(args, name, Integer.toString(fallback)));
    }

    private static String stringArgument(String[] args, String name, String fallback) {
        for (int index = 0; index + 1 < args.length; index++) {
            if (args[index].equals(name)) {
                return args[index + 1];
            }
        }
        return fallback;
    }
}
