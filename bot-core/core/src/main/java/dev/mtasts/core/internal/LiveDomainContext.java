package dev.mtasts.core.internal;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.ReportReceipts;
import dev.mtasts.core.dns.DnsClient;
import dev.mtasts.core.metrics.Metrics;
import dev.mtasts.core.metrics.Metrics.LookupKind;
import dev.mtasts.core.net.AddressGuard;
import dev.mtasts.core.net.HttpsFetcher;
import dev.mtasts.core.smtp.SmtpProbeCache;
import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.MemoKey;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.Observation;
import dev.mtasts.spi.ReportReceiver;
import dev.mtasts.spi.SmtpAddressProbes;
import dev.mtasts.spi.SmtpProbe;
import dev.mtasts.spi.TxtAnswer;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The real {@link DomainContext}: each lookup starts once, as a future, and every check that asks waits on the same
 * future, so all checks of a command share one query per name and type and one fetch. Waits end at the domain's
 * deadline with a {@code DEADLINE} failure.
 */
final class LiveDomainContext implements DomainContext {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveDomainContext.class);
    private final String domain;
    private final Instant now;
    private final long deadlineNanos;
    private final DnsClient dns;
    private final AddressGuard guard;
    private final HttpsFetcher fetcher;
    private final int httpsPort;
    private final Executor executor;
    private final SmtpProbeCache smtp;
    private final Metrics metrics;
    private final ReportReceipts reports;
    private final AtomicBoolean receiverStarted = new AtomicBoolean();
    private final CompletableFuture<Optional<ReportReceiver>> receiver = new CompletableFuture<>();
    private final Map<String, CompletableFuture<? extends LookupResult<?>>> lookups = new ConcurrentHashMap<>();
    private final Map<MemoKey<?>, CompletableFuture<Object>> memo = new ConcurrentHashMap<>();

    /** Address lookups (each an A and an AAAA query) of one domain in flight at once. */
    static final int ADDRESS_LOOKUPS_IN_FLIGHT = 8;

    private final Semaphore addressPermits = new Semaphore(ADDRESS_LOOKUPS_IN_FLIGHT);
    private final Queue<Runnable> waitingLookups = new ConcurrentLinkedQueue<>();
    private final Supplier<List<Observation>> historyLoader;
    private final CompletableFuture<List<Observation>> history = new CompletableFuture<>();
    private final AtomicBoolean historyStarted = new AtomicBoolean();

    LiveDomainContext(
            String domain,
            Instant now,
            long deadlineNanos,
            DnsClient dns,
            AddressGuard guard,
            HttpsFetcher fetcher,
            int httpsPort,
            Executor executor,
            Supplier<List<Observation>> historyLoader,
            SmtpProbeCache smtp,
            Metrics metrics,
            ReportReceipts reports) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.domain = requireNonNull(domain, "domain is null");
        this.now = requireNonNull(now, "now is null");
        this.deadlineNanos = deadlineNanos;
        this.dns = requireNonNull(dns, "dns is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.fetcher = requireNonNull(fetcher, "fetcher is null");
        this.httpsPort = httpsPort;
        this.executor = requireNonNull(executor, "executor is null");
        this.historyLoader = requireNonNull(historyLoader, "historyLoader is null");
        this.smtp = requireNonNull(smtp, "smtp is null");
    }

    // The lookups, each timed by kind and outcome (mtasts_lookup_seconds).

    private CompletableFuture<LookupResult<TxtAnswer>> dnsTxt(String name) {
        return metrics.timedAsync(LookupKind.DNS, () -> dns.txt(name));
    }

    private CompletableFuture<LookupResult<MxAnswer>> dnsMx(String name) {
        return metrics.timedAsync(LookupKind.DNS, () -> dns.mx(name));
    }

    private CompletableFuture<LookupResult<AddressAnswer>> dnsAddresses(String host) {
        return metrics.timedAsync(LookupKind.DNS, () -> dns.addresses(host));
    }

    private CompletableFuture<LookupResult<SmtpAddressProbes>> smtpProbeEach(
            String host, LookupResult<AddressAnswer> addresses, long deadline) {
        return metrics.timedAsync(LookupKind.SMTP, () -> smtp.probeEach(host, addresses, deadline));
    }

    private LookupResult<HttpsResponse> httpsFetch(URI uri, List<InetAddress> addresses) {
        return metrics.timed(LookupKind.HTTPS, () -> fetcher.fetch(uri, addresses));
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public LookupResult<TxtAnswer> txt(String name) {
        return await(start("TXT " + key(name), () -> dnsTxt(key(name))));
    }

    @Override
    public LookupResult<MxAnswer> mx(String name) {
        return await(mxFuture(name));
    }

    /**
     * Starts every lookup a standard report needs at once, so a domain takes as long as its longest chain: the
     * {@code _mta-sts}, {@code _smtp._tls}, apex and {@code _smtp-tlsrpt} TXT records, the MX set (whose hosts' addresses start as soon as it
     * arrives, and then the SMTP probes of the first {@link #smtpProbeLimit()} of them), and the policy host's
     * address then the policy fetch.
     */
    void prefetch() {
        start("TXT " + key("_mta-sts." + domain), () -> dnsTxt(key("_mta-sts." + domain)));
        start("TXT " + key("_smtp._tls." + domain), () -> dnsTxt(key("_smtp._tls." + domain)));
        // records in the wrong place (the apex, the draft's _smtp-tlsrpt name) are looked for too: start them now
        // rather than after the records they are compared with
        start("TXT " + key(domain), () -> dnsTxt(key(domain)));
        start("TXT " + key("_smtp-tlsrpt." + domain), () -> dnsTxt(key("_smtp-tlsrpt." + domain)));
        mxFuture(domain);
        policyFuture();
    }

    private CompletableFuture<LookupResult<MxAnswer>> mxFuture(String name) {
        return start("MX " + key(name), () -> dnsMx(key(name)).thenApply(result -> {
            // The MX hosts' addresses are wanted by every MX check: start those of the first mxLookupLimit() hosts
            // now (a domain may publish thousands; the limiter bounds the queries in flight).
            result.found().ifPresent(answer -> SmtpProbeCache.probeOrder(answer).stream()
                    .limit(smtp.mxLookupLimit())
                    .forEach(this::mxAddressesFuture));
            // So are the MX probes, the slowest lookups of all: start them as the addresses arrive.
            result.found().ifPresent(answer -> SmtpProbeCache.probeOrder(answer).stream()
                    .limit(Math.min(smtp.probeLimit(), smtp.mxLookupLimit()))
                    .forEach(this::smtpAddressesFuture));
            return result;
        }));
    }

    @Override
    public LookupResult<AddressAnswer> addresses(String host) {
        return await(addressesFuture(host));
    }

    @Override
    public LookupResult<SmtpProbe> smtp(String host) {
        return await(smtpFuture(host));
    }

    @Override
    public int mxLookupLimit() {
        return smtp.mxLookupLimit();
    }

    @Override
    public int smtpProbeLimit() {
        return smtp.probeLimit();
    }

    @Override
    public Optional<SmtpAddressProbes> smtpAddresses(String host) {
        return await(smtpAddressesFuture(host)).found();
    }

    private CompletableFuture<LookupResult<SmtpAddressProbes>> smtpAddressesFuture(String host) {
        return start("SMTPA " + key(host), () -> {
            smtp.prefetchTlsa(key(host)); // the TLSA lookup runs beside the address lookup, not after it
            return mxAddressesFuture(host).thenCompose(addresses -> smtpProbeEach(key(host), addresses, deadlineNanos));
        });
    }

    /**
     * The host's probe as one result, made from the per-address probes (so no address is probed twice): the first
     * address, in the fixed order, that accepted a connection; else the first address's failure.
     */
    private CompletableFuture<LookupResult<SmtpProbe>> smtpFuture(String host) {
        return start("SMTP " + key(host), () -> smtpAddressesFuture(host).thenApply(each -> switch (each) {
            case LookupResult.Found<SmtpAddressProbes> found -> {
                List<SmtpAddressProbes.AddressProbe> probed = found.value().probed();
                if (probed.isEmpty()) {
                    yield LookupResult.<SmtpProbe>failed(
                            FailureKind.CONNECTION_FAILED,
                            "not probing " + key(host) + ": it has only IPv6 addresses and this machine has no IPv6"
                                    + " route");
                }
                yield probed.stream()
                        .map(SmtpAddressProbes.AddressProbe::result)
                        .filter(result -> result instanceof LookupResult.Found<SmtpProbe>)
                        .findFirst()
                        .orElse(probed.getFirst().result());
            }
            case LookupResult.NotFound<SmtpAddressProbes> notFound ->
                LookupResult.<SmtpProbe>notFound(notFound.kind(), notFound.detail());
            case LookupResult.Failed<SmtpAddressProbes> failed ->
                LookupResult.<SmtpProbe>failed(failed.kind(), failed.detail());
        }));
    }

    @Override
    public LookupResult<HttpsResponse> policyFile() {
        return await(policyFuture());
    }

    /** The policy body as fetched (the fetch is part of every run: {@link #prefetch()} starts it), by the deadline. */
    Optional<String> fetchedPolicyBody() {
        return policyFile().found().map(HttpsResponse::bodyText);
    }

    private CompletableFuture<LookupResult<HttpsResponse>> policyFuture() {
        return start("FETCH policy", () -> {
            String host = "mta-sts." + domain;
            URI uri = URI.create(
                    "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + "/.well-known/mta-sts.txt");
            return addressesFuture(host).thenApplyAsync(addresses -> fetchGuarded(uri, addresses), executor);
        });
    }

    @Override
    public Optional<LookupResult<HttpsResponse>> reportEndpoint(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null
                || uri.getHost().isEmpty()) {
            return Optional.of(LookupResult.failed(
                    FailureKind.PROTOCOL_ERROR, "'" + uri + "' is not an https URL with a host name"));
        }
        String host = key(uri.getHost());
        return Optional.of(await(start("FETCH " + uri, () -> addressesFuture(host)
                .thenApplyAsync(addresses -> fetchGuarded(uri, addresses), executor))));
    }

    /**
     * Read once, on first use: the bot's report addresses and the latest report about this domain. A store that
     * cannot be read leaves the fact out (logged), rather than saying no report arrived.
     */
    @Override
    public Optional<ReportReceiver> reportReceiver() {
        if (receiverStarted.compareAndSet(false, true)) {
            Optional<ReportReceiver> fact;
            try {
                List<String> addresses = reports.addresses();
                fact = addresses.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new ReportReceiver(addresses, reports.lastReceived(domain)));
            } catch (RuntimeException e) {
                LOG.warn("the TLS-RPT reports of {} could not be read", domain, e);
                fact = Optional.empty();
            }
            receiver.complete(fact);
        }
        return receiver.join();
    }

    /** Connects only to addresses the guard permits; a refusal is a clear failure naming the address. */
    LookupResult<HttpsResponse> fetchGuarded(URI uri, LookupResult<AddressAnswer> addresses) {
        return switch (addresses) {
            case LookupResult.Found<AddressAnswer> found -> {
                List<InetAddress> permitted = new ArrayList<>();
                List<String> refusals = new ArrayList<>();
                for (InetAddress address : found.value().addresses()) {
                    switch (guard.check(address)) {
                        case AddressGuard.Allowed allowed -> permitted.add(address);
                        case AddressGuard.Refused refused -> refusals.add(refused.reason());
                    }
                }
                if (permitted.isEmpty()) {
                    yield LookupResult.failed(
                            FailureKind.ADDRESS_REFUSED,
                            "not fetching " + uri + ": "
                                    + String.join(
                                            "; ", refusals.stream().distinct().toList())
                                    + " (the bot does not connect to private, loopback or reserved addresses)");
                }
                yield httpsFetch(uri, permitted);
            }
            case LookupResult.NotFound<AddressAnswer> notFound ->
                LookupResult.notFound(notFound.kind(), notFound.detail());
            case LookupResult.Failed<AddressAnswer> failed -> LookupResult.failed(failed.kind(), failed.detail());
        };
    }

    /**
     * Loaded once, on first use, by the first check that asks; the others wait for it. A store that cannot be read
     * is an exception, so a check that needs history reports its verdict as unknown rather than judging against an
     * empty past.
     */
    @Override
    public List<Observation> history() {
        if (historyStarted.compareAndSet(false, true)) {
            try {
                history.complete(List.copyOf(historyLoader.get()));
            } catch (RuntimeException e) {
                history.completeExceptionally(e);
            }
        }
        try {
            return history.join();
        } catch (CompletionException e) {
            throw new IllegalStateException(
                    "the history of " + domain + " could not be read: "
                            + Objects.requireNonNullElse(e.getCause(), e).getMessage(),
                    Objects.requireNonNullElse(e.getCause(), e));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T memo(MemoKey<T> key, Function<DomainContext, T> compute) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = memo.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(compute.apply(this));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
            return key.type().cast(mine.join());
        }
        try {
            return key.type().cast(existing.join());
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private CompletableFuture<LookupResult<AddressAnswer>> addressesFuture(String host) {
        return start("ADDR " + key(host), () -> limited(() -> dnsAddresses(key(host))));
    }

    /**
     * An MX host's addresses, under the same key as {@link #addressesFuture}: the lookup is shared with the other
     * domains that name the host (see {@link SmtpProbeCache#addresses}).
     */
    private CompletableFuture<LookupResult<AddressAnswer>> mxAddressesFuture(String host) {
        return start("ADDR " + key(host), () -> smtp.addresses(key(host), name -> limited(() -> dnsAddresses(name))));
    }

    /**
     * Runs {@code lookup} when fewer than {@value #ADDRESS_LOOKUPS_IN_FLIGHT} address lookups of this domain are in
     * flight, else queues it: a domain with thousands of MX hosts cannot open thousands of sockets at once.
     */
    private <T> CompletableFuture<T> limited(Supplier<CompletableFuture<T>> lookup) {
        CompletableFuture<T> result = new CompletableFuture<>();
        waitingLookups.add(() -> {
            CompletableFuture<T> started;
            try {
                started = lookup.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, error) -> {
                addressPermits.release();
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(error);
                }
                drainLookups();
            });
        });
        drainLookups();
        return result;
    }

    private void drainLookups() {
        while (!waitingLookups.isEmpty() && addressPermits.tryAcquire()) {
            Runnable next = waitingLookups.poll();
            if (next == null) {
                addressPermits.release();
            } else {
                next.run();
            }
        }
    }

    /** Starts {@code lookup} unless it already started; the starter runs outside any map operation. */
    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<LookupResult<T>> start(
            String lookup, Supplier<CompletableFuture<LookupResult<T>>> starter) {
        CompletableFuture<LookupResult<T>> placeholder = new CompletableFuture<>();
        CompletableFuture<? extends LookupResult<?>> existing = lookups.putIfAbsent(lookup, placeholder);
        if (existing != null) {
            return (CompletableFuture<LookupResult<T>>) existing;
        }
        try {
            starter.get().whenComplete((result, error) -> {
                if (error == null) {
                    placeholder.complete(result);
                } else {
                    placeholder.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            placeholder.completeExceptionally(e);
        }
        return placeholder;
    }

    private <T> LookupResult<T> await(CompletableFuture<LookupResult<T>> future) {
        long remaining = deadlineNanos - System.nanoTime();
        try {
            return future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return LookupResult.failed(FailureKind.DEADLINE, "the domain's overall deadline passed first");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LookupResult.failed(FailureKind.DEADLINE, "the check was stopped at the deadline");
        } catch (ExecutionException e) {
            throw new IllegalStateException("lookup crashed", e.getCause());
        }
    }

    private static String key(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
