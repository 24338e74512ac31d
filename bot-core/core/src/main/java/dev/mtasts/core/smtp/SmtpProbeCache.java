package dev.mtasts.core.smtp;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.net.AddressGuard;
import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.MxAnswer.MxRecord;
import dev.mtasts.spi.SmtpAddressProbes;
import dev.mtasts.spi.SmtpProbe;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's MX probes, shared by every domain checked with one engine: one probe per host and port at a time, and
 * for a whole CLI run with {@link SmtpSettings.CacheScope#RUN}, so a big provider's MX hosts, which thousands of
 * domains name, are probed once. At most {@link SmtpSettings#connectionsPerAddress()} probes talk to one address at
 * once, since many MX names often lead to one server.
 *
 * <p>A run keeps the results of at most {@value #KEPT} hosts (address and TLSA lookups) and host addresses (probes),
 * the least recently asked for dropped first: a provider's hosts, which the run keeps naming, stay, while the one-off
 * hosts of a long list (each Microsoft 365 domain has an MX host of its own) do not pile up.
 *
 * <p>Probes run on the cache's own virtual threads, not on a domain's, so a domain that finishes (or gives up at its
 * deadline) does not cut short a probe that another domain is waiting for. Only approved addresses are probed: the
 * address guard runs here, before anything is shared.
 */
public final class SmtpProbeCache {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpProbeCache.class);

    private final SmtpProber prober;
    private final TlsaLookup tlsa;
    private final AddressGuard guard;
    private final SmtpSettings settings;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** The probes running now, by key; each leaves the map as it completes. */
    private final Map<String, CompletableFuture<LookupResult<SmtpProbe>>> probes = new ConcurrentHashMap<>();
    /** The finished probes a run ({@link SmtpSettings.CacheScope#RUN}) keeps; never written in flight scope. */
    private final KeptResults<LookupResult<SmtpProbe>> keptProbes;

    private final SharedLookups<LookupResult<AddressAnswer>> addressLookups;
    /** TLSA lookups started ahead of their probes (prefetched), each taken by the first probe of its host. */
    private final Map<String, CompletableFuture<TlsaAnswer>> tlsaLookups = new ConcurrentHashMap<>();
    /** The TLSA answers a run keeps by host (not the failed lookups), so a provider's hosts are looked up once. */
    private final KeptResults<TlsaAnswer> keptTlsa;

    private final AddressPermits permits;

    private final BooleanSupplier ipv6Route;

    /** Probes waiting for their address's permit at once, across all domains; more are refused at once. */
    static final int MAX_QUEUED = 512;

    /** Finished probes, address lookups and TLSA answers a run keeps at most, of each. */
    static final int KEPT = 4096;

    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();

    /** The latest deadline of anyone waiting for each running probe, by probe key. */
    private final Map<String, AtomicLong> wanted = new ConcurrentHashMap<>();

    @Inject
    public SmtpProbeCache(SmtpProber prober, TlsaLookup tlsa, AddressGuard guard, SmtpSettings settings) {
        this(prober, tlsa, guard, settings, Ipv6Route.detectOnce());
    }

    /**
     * @param ipv6Route whether this machine can reach IPv6 addresses; without a route AAAA addresses are not probed
     */
    public SmtpProbeCache(
            SmtpProber prober, TlsaLookup tlsa, AddressGuard guard, SmtpSettings settings, BooleanSupplier ipv6Route) {
        this(prober, tlsa, guard, settings, ipv6Route, MAX_QUEUED, KEPT);
    }

    SmtpProbeCache(
            SmtpProber prober,
            TlsaLookup tlsa,
            AddressGuard guard,
            SmtpSettings settings,
            BooleanSupplier ipv6Route,
            int maxQueued,
            int kept) {
        this.maxQueued = maxQueued;
        this.keptProbes = new KeptResults<>(kept);
        boolean run = settings.cacheScope() == SmtpSettings.CacheScope.RUN;
        this.addressLookups =
                new SharedLookups<>(kept, result -> run && !(result instanceof LookupResult.Failed<AddressAnswer>));
        this.keptTlsa = new KeptResults<>(kept);
        this.ipv6Route = requireNonNull(ipv6Route, "ipv6Route is null");
        this.prober = requireNonNull(prober, "prober is null");
        this.tlsa = requireNonNull(tlsa, "tlsa is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.permits = new AddressPermits(settings.connectionsPerAddress());
    }

    /**
     * Starts the DANE TLSA lookup of {@code host} now, so that it runs beside the host's address lookup; the probe
     * that follows uses it. Without a prefetch the probe looks the records up itself. A run ({@link
     * SmtpSettings.CacheScope#RUN}) keeps the answers (not the failed lookups), and asks nothing for a host it has
     * one of.
     */
    public void prefetchTlsa(String host) {
        requireNonNull(host, "host is null");
        String name = normalise(host);
        if (keptTlsa.get(name) == null) {
            tlsaLookups.computeIfAbsent(name, this::lookUpTlsa);
        }
    }

    /** The TLSA answer for a probe of {@code host}: the one the run keeps, the prefetched one, or a new lookup. */
    private CompletableFuture<TlsaAnswer> takeTlsa(String host) {
        CompletableFuture<TlsaAnswer> prefetched = tlsaLookups.remove(host);
        TlsaAnswer kept = keptTlsa.get(host);
        if (kept != null) {
            return CompletableFuture.completedFuture(kept);
        }
        return prefetched == null ? lookUpTlsa(host) : prefetched;
    }

    private CompletableFuture<TlsaAnswer> lookUpTlsa(String host) {
        CompletableFuture<TlsaAnswer> lookup = tlsa.lookup(host);
        if (settings.cacheScope() == SmtpSettings.CacheScope.RUN) {
            lookup.thenAccept(answer -> {
                if (answer.kind() != TlsaAnswer.Kind.FAILED) {
                    keptTlsa.put(host, answer);
                }
            });
        }
        return lookup;
    }

    /**
     * The address lookup of MX host {@code host}, shared like the probes: one at a time per host, and for a whole CLI
     * run with {@link SmtpSettings.CacheScope#RUN}, so the A and AAAA queries for a provider's MX hosts, which
     * thousands of domains of a bulk run name, are sent once. {@code lookup} starts the lookup when none is running or
     * kept; one that failed (timeout, network, SERVFAIL) is not kept, so the next domain asks again.
     */
    public CompletableFuture<LookupResult<AddressAnswer>> addresses(
            String host, Function<String, CompletableFuture<LookupResult<AddressAnswer>>> lookup) {
        requireNonNull(host, "host is null");
        requireNonNull(lookup, "lookup is null");
        return addressLookups.get(normalise(host), lookup);
    }

    /** How many MX hosts of one domain, in preference order, have their addresses looked up. */
    public int mxLookupLimit() {
        return settings.maxMxLookups();
    }

    /** How many MX hosts of one domain are probed; 0 when probing is off. */
    public int probeLimit() {
        return settings.maxHosts();
    }

    /**
     * The probe of {@code host}, whose address lookup gave {@code addresses}: started now, or the one already running
     * or kept. An address lookup that found nothing, or addresses the guard refuses, are answered at once (and not
     * kept: they cost nothing to redo).
     */
    public CompletableFuture<LookupResult<SmtpProbe>> probe(String host, LookupResult<AddressAnswer> addresses) {
        requireNonNull(host, "host is null");
        requireNonNull(addresses, "addresses is null");
        String name = normalise(host);
        return onAddresses(name, addresses, answer -> probeGuarded(name, answer));
    }

    /**
     * A probe of each address of {@code host}, in a fixed order (IPv4 before IPv6, then by bytes) and up to {@link
     * SmtpSettings#maxAddressesPerHost()}; IPv6 addresses only when this machine has an IPv6 route. Each probe is
     * shared per host and address like {@link #probe}. Completes with the address lookup's own failure when it found
     * nothing.
     */
    public CompletableFuture<LookupResult<SmtpAddressProbes>> probeEach(
            String host, LookupResult<AddressAnswer> addresses) {
        return probeEach(
                host, addresses, System.nanoTime() + 2 * settings.hostTimeout().toNanos());
    }

    /**
     * As {@link #probeEach(String, LookupResult)} for a caller that waits until {@code deadlineNanos} (a {@link
     * System#nanoTime()} value): a probe waits for its address's permit no longer than the latest deadline of those
     * who asked for it, and is dropped, never started, when all of them have given up.
     */
    public CompletableFuture<LookupResult<SmtpAddressProbes>> probeEach(
            String host, LookupResult<AddressAnswer> addresses, long deadlineNanos) {
        requireNonNull(host, "host is null");
        requireNonNull(addresses, "addresses is null");
        String name = normalise(host);
        return onAddresses(name, addresses, answer -> probeEachFound(name, answer, deadlineNanos));
    }

    /**
     * {@code probes} of the addresses found for {@code host}; when the lookup found none, its own answer at once, and
     * the TLSA lookup prefetched for the host is dropped.
     */
    private <T> CompletableFuture<LookupResult<T>> onAddresses(
            String host,
            LookupResult<AddressAnswer> addresses,
            Function<AddressAnswer, CompletableFuture<LookupResult<T>>> probes) {
        return switch (addresses) {
            case LookupResult.Found<AddressAnswer> found -> probes.apply(found.value());
            case LookupResult.NotFound<AddressAnswer> notFound -> {
                tlsaLookups.remove(host);
                yield CompletableFuture.completedFuture(LookupResult.notFound(notFound.kind(), notFound.detail()));
            }
            case LookupResult.Failed<AddressAnswer> failed -> {
                tlsaLookups.remove(host);
                yield CompletableFuture.completedFuture(LookupResult.failed(failed.kind(), failed.detail()));
            }
        };
    }

    private CompletableFuture<LookupResult<SmtpAddressProbes>> probeEachFound(
            String host, AddressAnswer answer, long deadlineNanos) {
        List<InetAddress> sorted = sortAddresses(answer.addresses());
        boolean v6 = sorted.stream().anyMatch(Inet6Address.class::isInstance) && ipv6Route.getAsBoolean();
        List<InetAddress> unrouted = v6
                ? List.of()
                : sorted.stream().filter(Inet6Address.class::isInstance).toList();
        List<InetAddress> candidates =
                sorted.stream().filter(address -> !unrouted.contains(address)).toList();
        int limit = Math.min(settings.maxAddressesPerHost(), candidates.size());
        List<InetAddress> chosen = candidates.subList(0, limit);
        List<InetAddress> overLimit = candidates.subList(limit, candidates.size());
        CompletableFuture<TlsaAnswer> records;
        if (chosen.isEmpty()) {
            tlsaLookups.remove(host);
            records = CompletableFuture.completedFuture(TlsaAnswer.notLookedUp());
        } else {
            records = takeTlsa(host);
        }
        // the handshake without SNI, when turned on, is made once per host: at its first address in the fixed order
        InetAddress firstAddress = chosen.isEmpty() ? null : chosen.getFirst();
        List<CompletableFuture<SmtpAddressProbes.AddressProbe>> probes = chosen.stream()
                .map(address -> probeOne(
                                host,
                                address,
                                records,
                                deadlineNanos,
                                settings.probeWithoutSni() && address.equals(firstAddress))
                        .thenApply(result -> new SmtpAddressProbes.AddressProbe(address, result)))
                .toList();
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new))
                .thenApply(done -> LookupResult.found(new SmtpAddressProbes(
                        probes.stream().map(CompletableFuture::join).toList(), overLimit, unrouted)));
    }

    private CompletableFuture<LookupResult<SmtpProbe>> probeOne(
            String host,
            InetAddress address,
            CompletableFuture<TlsaAnswer> records,
            long deadlineNanos,
            boolean withoutSni) {
        if (guard.check(address) instanceof AddressGuard.Refused refused) {
            return CompletableFuture.completedFuture(LookupResult.failed(
                    FailureKind.ADDRESS_REFUSED,
                    "not probing " + host + " at " + address.getHostAddress() + ": " + refused.reason()
                            + " (the bot does not connect to private, loopback or reserved addresses)"));
        }
        String key = host + "@" + address.getHostAddress() + ":" + settings.port() + (withoutSni ? "+nosni" : "");
        LookupResult<SmtpProbe> kept = keptProbes.get(key);
        if (kept != null) {
            return CompletableFuture.completedFuture(kept);
        }
        // the deadline first, so a probe about to drop itself sees a newcomer's later one
        wanted.computeIfAbsent(key, unused -> new AtomicLong(deadlineNanos))
                .accumulateAndGet(deadlineNanos, (left, right) -> left - right >= 0 ? left : right);
        CompletableFuture<LookupResult<SmtpProbe>> mine = new CompletableFuture<>();
        CompletableFuture<LookupResult<SmtpProbe>> existing = probes.putIfAbsent(key, mine);
        if (existing != null) {
            if (existing.isDone()) {
                wanted.remove(key); // finished as we looked: nothing waits
            }
            return existing;
        }
        kept = keptProbes.get(key); // kept between the two looks
        if (kept != null) {
            probes.remove(key, mine);
            wanted.remove(key);
            mine.complete(kept);
            return mine;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            probes.remove(key, mine);
            wanted.remove(key);
            mine.complete(LookupResult.failed(
                    FailureKind.DEADLINE,
                    "the probe of " + host + " at " + address.getHostAddress() + " was not started: too many MX"
                            + " probes are waiting in this bot right now"));
            return mine;
        }
        try {
            executor.execute(() -> runQueued(key, host, address, records, mine, withoutSni));
        } catch (RuntimeException e) {
            queued.decrementAndGet();
            probes.remove(key, mine);
            wanted.remove(key);
            mine.complete(LookupResult.failed(FailureKind.CONNECTION_FAILED, "the probe could not start"));
        }
        return mine;
    }

    /**
     * Waits for the address's permit until the latest deadline of those who asked (re-read as newcomers extend it),
     * then probes; a probe whose askers have all given up is dropped without connecting and not kept.
     */
    private void runQueued(
            String key,
            String host,
            InetAddress address,
            CompletableFuture<TlsaAnswer> records,
            CompletableFuture<LookupResult<SmtpProbe>> result,
            boolean withoutSni) {
        AtomicLong deadline = wanted.get(key);
        if (deadline == null) {
            // nobody waits for this probe any more
            result.complete(LookupResult.failed(FailureKind.DEADLINE, "no check waits for this probe any more"));
            return;
        }
        boolean acquired = false;
        try {
            while (!acquired) {
                long left = deadline.get() - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                acquired = permits.tryAcquire(address, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queued.decrementAndGet();
        }
        if (!acquired) {
            probes.remove(key, result);
            wanted.remove(key, deadline);
            result.complete(LookupResult.failed(
                    FailureKind.DEADLINE,
                    "the probe of " + host + " at " + address.getHostAddress() + " waited for other probes of that"
                            + " address until the deadline and was dropped"));
            return;
        }
        try {
            run(key, host, List.of(address), records, result, true, withoutSni);
        } finally {
            wanted.remove(key, deadline);
        }
    }

    /** IPv4 before IPv6, then by the address bytes (unsigned), each once: the order never depends on DNS. */
    public static List<InetAddress> sortAddresses(List<InetAddress> addresses) {
        return addresses.stream()
                .distinct()
                .sorted(Comparator.<InetAddress>comparingInt(address -> address.getAddress().length)
                        .thenComparing(InetAddress::getAddress, java.util.Arrays::compareUnsigned))
                .toList();
    }

    private CompletableFuture<LookupResult<SmtpProbe>> probeGuarded(String host, AddressAnswer answer) {
        List<InetAddress> permitted = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (InetAddress address : answer.addresses()) {
            switch (guard.check(address)) {
                case AddressGuard.Allowed allowed -> permitted.add(address);
                case AddressGuard.Refused refused -> refusals.add(refused.reason());
            }
        }
        if (permitted.isEmpty()) {
            tlsaLookups.remove(host);
            return CompletableFuture.completedFuture(LookupResult.failed(
                    FailureKind.ADDRESS_REFUSED,
                    "not probing " + host + ": "
                            + String.join("; ", refusals.stream().distinct().toList())
                            + " (the bot does not connect to private, loopback or reserved addresses)"));
        }
        String key = host + ":" + settings.port();
        LookupResult<SmtpProbe> kept = keptProbes.get(key);
        if (kept != null) {
            tlsaLookups.remove(host);
            return CompletableFuture.completedFuture(kept);
        }
        CompletableFuture<LookupResult<SmtpProbe>> mine = new CompletableFuture<>();
        CompletableFuture<LookupResult<SmtpProbe>> existing = probes.putIfAbsent(key, mine);
        if (existing != null) {
            tlsaLookups.remove(host);
            return existing;
        }
        try {
            executor.execute(() -> run(key, host, permitted, takeTlsa(host), mine));
        } catch (RuntimeException e) {
            probes.remove(key, mine);
            mine.complete(LookupResult.failed(FailureKind.CONNECTION_FAILED, "the probe could not start"));
        }
        return mine;
    }

    private void run(
            String key,
            String host,
            List<InetAddress> addresses,
            CompletableFuture<TlsaAnswer> records,
            CompletableFuture<LookupResult<SmtpProbe>> result) {
        run(key, host, addresses, records, result, false, settings.probeWithoutSni());
    }

    private void run(
            String key,
            String host,
            List<InetAddress> addresses,
            CompletableFuture<TlsaAnswer> records,
            CompletableFuture<LookupResult<SmtpProbe>> result,
            boolean permitHeld,
            boolean withoutSni) {
        InetAddress first = addresses.getFirst();
        LookupResult<SmtpProbe> probe;
        try {
            if (!permitHeld) {
                permits.acquire(first);
            }
            try {
                probe = prober.probe(host, addresses, records, withoutSni);
            } finally {
                permits.release(first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probe = LookupResult.failed(FailureKind.DEADLINE, "the probe of " + host + " was stopped");
        } catch (RuntimeException e) {
            LOG.error("the SMTP probe of {} crashed", host, e);
            probe = LookupResult.failed(
                    FailureKind.CONNECTION_FAILED,
                    "the probe of " + host + " crashed: " + e.getClass().getSimpleName());
        }
        if (settings.cacheScope() == SmtpSettings.CacheScope.RUN) {
            keptProbes.put(key, probe);
        }
        probes.remove(key, result);
        result.complete(probe);
    }

    /**
     * The MX hosts a sender would try, in that order: by preference, then by name, each once; the null MX's empty
     * host left out.
     */
    public static List<String> probeOrder(MxAnswer answer) {
        requireNonNull(answer, "answer is null");
        Set<String> hosts = new LinkedHashSet<>();
        answer.records().stream()
                .filter(record -> !record.host().isEmpty())
                .sorted(Comparator.comparingInt(MxRecord::preference).thenComparing(record -> normalise(record.host())))
                .forEach(record -> hosts.add(normalise(record.host())));
        return List.copyOf(hosts);
    }

    private static String normalise(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * Lookups by key, shared while they run; a finished one that {@code keep} accepts is kept (at most a fixed number,
     * the least recently asked for dropped first), the others leave as they complete, so the next asker starts anew.
     */
    private static final class SharedLookups<V> {
        private final Map<String, CompletableFuture<V>> running = new ConcurrentHashMap<>();
        private final KeptResults<V> kept;
        private final Predicate<V> keep;

        SharedLookups(int limit, Predicate<V> keep) {
            this.kept = new KeptResults<>(limit);
            this.keep = keep;
        }

        /** The kept result of {@code key}, the lookup running for it, or a new one that {@code lookup} starts. */
        CompletableFuture<V> get(String key, Function<String, CompletableFuture<V>> lookup) {
            V result = kept.get(key);
            if (result != null) {
                return CompletableFuture.completedFuture(result);
            }
            CompletableFuture<V> mine = new CompletableFuture<>();
            CompletableFuture<V> existing = running.putIfAbsent(key, mine);
            if (existing != null) {
                return existing;
            }
            result = kept.get(key); // kept between the two looks
            if (result != null) {
                running.remove(key, mine);
                mine.complete(result);
                return mine;
            }
            // kept first, then out of the running map, then completed: an asker finds it in one or the other
            lookup.apply(key).whenComplete((value, error) -> {
                if (error == null && keep.test(value)) {
                    kept.put(key, value);
                }
                running.remove(key, mine);
                if (error != null) {
                    mine.completeExceptionally(error);
                } else {
                    mine.complete(value);
                }
            });
            return mine;
        }
    }

    /** Finished results by key, at most a fixed number, the least recently asked for dropped first. */
    private static final class KeptResults<V> {
        private final Map<String, V> results;

        KeptResults(int limit) {
            this.results = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                    return size() > limit;
                }
            };
        }

        synchronized @Nullable V get(String key) {
            return results.get(key);
        }

        synchronized void put(String key, V result) {
            results.put(key, result);
        }
    }

    /** A semaphore per destination address, dropped again when nobody holds or waits for it. */
    private static final class AddressPermits {
        private final int permitsPerAddress;
        private final Map<InetAddress, Slot> slots = new ConcurrentHashMap<>();

        private static final class Slot {
            private final Semaphore semaphore;
            private int users;

            Slot(int permits) {
                this.semaphore = new Semaphore(permits, true);
            }
        }

        AddressPermits(int permitsPerAddress) {
            this.permitsPerAddress = permitsPerAddress;
        }

        void acquire(InetAddress address) throws InterruptedException {
            Slot slot = slots.compute(address, (key, existing) -> {
                Slot current = existing == null ? new Slot(permitsPerAddress) : existing;
                current.users++;
                return current;
            });
            try {
                slot.semaphore.acquire();
            } catch (InterruptedException e) {
                leave(address);
                throw e;
            }
        }

        boolean tryAcquire(InetAddress address, long nanos) throws InterruptedException {
            Slot slot = slots.compute(address, (key, existing) -> {
                Slot current = existing == null ? new Slot(permitsPerAddress) : existing;
                current.users++;
                return current;
            });
            boolean acquired = false;
            try {
                acquired = slot.semaphore.tryAcquire(nanos, TimeUnit.NANOSECONDS);
                return acquired;
            } finally {
                if (!acquired) {
                    leave(address);
                }
            }
        }

        void release(InetAddress address) {
            Slot slot = slots.get(address);
            if (slot != null) {
                slot.semaphore.release();
            }
            leave(address);
        }

        private void leave(InetAddress address) {
            slots.computeIfPresent(address, (key, slot) -> --slot.users == 0 ? null : slot);
        }
    }
}
