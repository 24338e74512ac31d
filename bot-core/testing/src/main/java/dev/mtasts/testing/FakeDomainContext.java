package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.MemoKey;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.MxAnswer.MxRecord;
import dev.mtasts.spi.Observation;
import dev.mtasts.spi.ReportReceiver;
import dev.mtasts.spi.SmtpAddressProbes;
import dev.mtasts.spi.SmtpProbe;
import dev.mtasts.spi.TxtAnswer;
import dev.mtasts.spi.TxtAnswer.TxtRecord;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A hand-written {@link DomainContext} for unit tests of checks: answers come from maps given in code, anything not
 * given is NXDOMAIN. Counts lookups so tests can assert memoisation. Tests of the real network code use the DNS,
 * HTTPS and SMTP fixtures instead.
 */
public final class FakeDomainContext implements DomainContext {
    private final String domain;
    private final Instant now;
    private final Map<String, LookupResult<TxtAnswer>> txt;
    private final Map<String, LookupResult<MxAnswer>> mx;
    private final Map<String, LookupResult<AddressAnswer>> addresses;
    private final LookupResult<HttpsResponse> policyFile;
    private final Map<String, LookupResult<SmtpProbe>> smtp;
    private final int smtpProbeLimit;
    private final Map<String, SmtpAddressProbes> smtpAddresses;
    private final List<Observation> history;
    private final Map<String, LookupResult<HttpsResponse>> reportEndpoints;
    private final Optional<ReportReceiver> reportReceiver;
    private final Map<MemoKey<?>, Object> memo = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    private FakeDomainContext(Builder builder) {
        this.domain = builder.domain;
        this.now = builder.now;
        this.txt = Map.copyOf(builder.txt);
        this.mx = Map.copyOf(builder.mx);
        this.addresses = Map.copyOf(builder.addresses);
        this.policyFile = builder.policyFile;
        this.smtp = Map.copyOf(builder.smtp);
        this.smtpProbeLimit = builder.smtpProbeLimit;
        this.smtpAddresses = Map.copyOf(builder.smtpAddresses);
        this.history = List.copyOf(builder.history);
        this.reportEndpoints = Map.copyOf(builder.reportEndpoints);
        this.reportReceiver = builder.reportReceiver;
    }

    /** The result given for the URI, or empty (not fetched) when the builder named none for it. */
    @Override
    public Optional<LookupResult<HttpsResponse>> reportEndpoint(URI uri) {
        count("FETCH " + uri);
        return Optional.ofNullable(reportEndpoints.get(uri.toString()));
    }

    @Override
    public Optional<ReportReceiver> reportReceiver() {
        return reportReceiver;
    }

    public static Builder builder(String domain) {
        return new Builder(domain);
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
        return answer("TXT", txt, name);
    }

    @Override
    public LookupResult<MxAnswer> mx(String name) {
        return answer("MX", mx, name);
    }

    @Override
    public LookupResult<AddressAnswer> addresses(String host) {
        return answer("ADDR", addresses, host);
    }

    @Override
    public LookupResult<HttpsResponse> policyFile() {
        count("FETCH");
        return policyFile;
    }

    /** The probe given for {@code host}; a host not given has no address (NXDOMAIN). */
    @Override
    public LookupResult<SmtpProbe> smtp(String host) {
        return answer("SMTP", smtp, host);
    }

    /** The per-address probes given for {@code host}; empty (probe the host as a whole) when none were given. */
    @Override
    public Optional<SmtpAddressProbes> smtpAddresses(String host) {
        count("SMTPA " + host);
        return Optional.ofNullable(smtpAddresses.get(key(host)));
    }

    @Override
    public int smtpProbeLimit() {
        return smtpProbeLimit;
    }

    @Override
    public List<Observation> history() {
        count("HISTORY");
        return history;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T memo(MemoKey<T> key, Function<DomainContext, T> compute) {
        return (T) memo.computeIfAbsent(key, ignored -> compute.apply(this));
    }

    /**
     * How often a lookup was made, e.g. {@code lookupCount("TXT _mta-sts.example.com")}, {@code "FETCH"} or
     * {@code "SMTP mx1.example.com"}.
     */
    public int lookupCount(String lookup) {
        AtomicInteger count = lookups.get(lookup);
        return count == null ? 0 : count.get();
    }

    /** The answer given for {@code name}, counted as {@code "<kind> <name>"}; NXDOMAIN for a name not given. */
    private <T> LookupResult<T> answer(String kind, Map<String, LookupResult<T>> given, String name) {
        count(kind + " " + name);
        return given.getOrDefault(key(name), nxdomain(name));
    }

    private void count(String lookup) {
        lookups.computeIfAbsent(lookup, ignored -> new AtomicInteger()).incrementAndGet();
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static <T> LookupResult<T> nxdomain(String name) {
        return LookupResult.notFound(NotFoundKind.NXDOMAIN, name + ": no such name (NXDOMAIN)");
    }

    public static final class Builder {
        private final String domain;
        private Instant now = Instant.parse("2026-11-28T12:00:00Z");
        private final Map<String, LookupResult<TxtAnswer>> txt = new HashMap<>();
        private final Map<String, LookupResult<MxAnswer>> mx = new HashMap<>();
        private final Map<String, LookupResult<AddressAnswer>> addresses = new HashMap<>();
        private LookupResult<HttpsResponse> policyFile;
        private final Map<String, LookupResult<SmtpProbe>> smtp = new HashMap<>();
        private int smtpProbeLimit = 10;
        private final Map<String, SmtpAddressProbes> smtpAddresses = new HashMap<>();
        private List<Observation> history = List.of();
        private final Map<String, LookupResult<HttpsResponse>> reportEndpoints = new HashMap<>();
        private Optional<ReportReceiver> reportReceiver = Optional.empty();

        /** The fetch of an https: report endpoint, as {@link DomainContext#reportEndpoint(URI)} gives it. */
        public Builder reportEndpoint(String uri, LookupResult<HttpsResponse> result) {
            reportEndpoints.put(requireNonNull(uri, "uri is null"), requireNonNull(result, "result is null"));
            return this;
        }

        /** This bot as a report destination, as {@link DomainContext#reportReceiver()} gives it. */
        public Builder reportReceiver(ReportReceiver receiver) {
            this.reportReceiver = Optional.of(requireNonNull(receiver, "receiver is null"));
            return this;
        }

        private Builder(String domain) {
            this.domain = requireNonNull(domain, "domain is null");
            this.policyFile = nxdomain("mta-sts." + domain);
        }

        public Builder now(Instant now) {
            this.now = requireNonNull(now, "now is null");
            return this;
        }

        /** TXT records at {@code name}, each given as its text (one character-string each), TTL 3600. */
        public Builder txt(String name, String... records) {
            List<TxtRecord> list = new ArrayList<>();
            for (String record : records) {
                list.add(new TxtRecord(List.of(record), 3600));
            }
            return txt(name, LookupResult.found(new TxtAnswer(key(name), list, List.of())));
        }

        public Builder txt(String name, LookupResult<TxtAnswer> result) {
            txt.put(key(name), requireNonNull(result, "result is null"));
            return this;
        }

        /** MX records of {@code name}, as "preference host" strings, e.g. {@code "10 mx1.example.com"}. */
        public Builder mx(String name, String... records) {
            List<MxRecord> list = new ArrayList<>();
            for (String record : records) {
                String[] parts = record.trim().split("\\s+");
                list.add(new MxRecord(Integer.parseInt(parts[0]), key(parts[1]), 3600));
            }
            return mx(name, LookupResult.found(new MxAnswer(key(name), list, List.of())));
        }

        public Builder mx(String name, LookupResult<MxAnswer> result) {
            mx.put(key(name), requireNonNull(result, "result is null"));
            return this;
        }

        /** Addresses of {@code host}, as literals, e.g. {@code "192.0.2.1", "2001:db8::1"}. */
        public Builder addresses(String host, String... literals) {
            List<InetAddress> list = new ArrayList<>();
            for (String literal : literals) {
                try {
                    list.add(InetAddress.getByName(literal));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("not an address literal: " + literal, e);
                }
            }
            return addresses(host, LookupResult.found(new AddressAnswer(key(host), list, 3600)));
        }

        public Builder addresses(String host, LookupResult<AddressAnswer> result) {
            addresses.put(key(host), requireNonNull(result, "result is null"));
            return this;
        }

        public Builder policyFile(LookupResult<HttpsResponse> result) {
            this.policyFile = requireNonNull(result, "result is null");
            return this;
        }

        /** The SMTP probe of MX host {@code host}. */
        public Builder smtp(String host, LookupResult<SmtpProbe> result) {
            smtp.put(key(host), requireNonNull(result, "result is null"));
            return this;
        }

        /** How many MX hosts the engine would probe (10 unless set; 0 means probing is off). */
        /** The probes of each address of {@code host}, as {@link DomainContext#smtpAddresses(String)} gives them. */
        public Builder smtpAddresses(String host, SmtpAddressProbes probes) {
            smtpAddresses.put(key(host), requireNonNull(probes, "probes is null"));
            return this;
        }

        public Builder smtpProbeLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative: " + limit);
            }
            this.smtpProbeLimit = limit;
            return this;
        }

        /** Past observations of the domain, newest first, as the history store would return them. */
        public Builder history(List<Observation> history) {
            this.history = List.copyOf(requireNonNull(history, "history is null"));
            return this;
        }

        /** Past observations of the domain, newest first. */
        public Builder history(Observation... history) {
            return history(List.of(history));
        }

        public FakeDomainContext build() {
            return new FakeDomainContext(this);
        }
    }
}
