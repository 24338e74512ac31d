package dev.mtasts.core.dns;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.ReferenceId;
import dev.mtasts.core.net.Deadlines;
import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.MxAnswer.MxRecord;
import dev.mtasts.spi.TxtAnswer;
import dev.mtasts.spi.TxtAnswer.TxtRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;
import org.xbill.DNS.lookup.LookupFailedException;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.RedirectLoopException;
import org.xbill.DNS.lookup.RedirectOverflowException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * DNS lookups with dnsjava: configurable resolvers, UDP with TCP fallback on truncation (dnsjava's
 * {@link SimpleResolver} retries over TCP when the TC bit is set), CNAME chains followed with a loop limit, TTLs kept.
 * Every lookup is asynchronous and ends in a {@link LookupResult}, never an exception.
 */
public final class DnsClient {
    /** CNAME hops followed before a chain counts as a loop. */
    static final int MAX_CNAME_HOPS = 8;

    /** Attempts per query: a query that timed out or got SERVFAIL is asked once more before it counts. */
    static final int ATTEMPTS = 2;
    /** Pause before a retry, doubled per retry: long enough for a loaded resolver to recover, short in a check. */
    static final Duration RETRY_BACKOFF = Duration.ofMillis(150);

    private static final Logger LOG = LoggerFactory.getLogger(DnsClient.class);

    /** One session per configured resolver: a retry goes to the next resolver first. */
    private final List<LookupSession> sessions;

    private final Duration timeout;
    private final String description;

    /**
     * The latest response to a TXT query, by the name asked, as the resolvers received it: the lookup session hides
     * the raw answer (a CNAME beside the TXT records, the AD bit), so {@link #txt(String)} reads it here once its
     * lookup ends. Read, not removed, so that two lookups of one name at once (two users, a bulk run) both see it;
     * the least recently used are dropped past {@link #MAX_KEPT_RESPONSES}.
     */
    private final Map<Name, Message> txtResponses =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Name, Message> eldest) {
                    return size() > MAX_KEPT_RESPONSES;
                }
            });

    static final int MAX_KEPT_RESPONSES = 4096;

    public DnsClient(List<String> resolvers, Duration timeout) {
        requireNonNull(resolvers, "resolvers is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        List<InetSocketAddress> servers = resolvers.isEmpty()
                ? ResolverConfig.getCurrentConfig().servers()
                : resolvers.stream().map(DnsClient::parseResolver).toList();
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS resolver configured and none found in the system configuration");
        }
        this.description = servers.stream()
                .map(address -> address.getAddress().getHostAddress() + ":" + address.getPort())
                .toList()
                .toString();
        // dnsjava runs its continuations on the common pool by default; callers that block a pool thread on a
        // lookup could then starve the very callbacks they wait for. Virtual threads cannot starve.
        ExecutorService continuations = Executors.newVirtualThreadPerTaskExecutor();
        this.sessions = servers.stream()
                .map(server -> LookupSession.builder()
                        .resolver(new RecordingResolver(buildResolver(server, timeout), txtResponses))
                        .maxRedirects(MAX_CNAME_HOPS)
                        .clearCaches()
                        .clearSearchPath()
                        .executor(continuations)
                        .build())
                .toList();
    }

    /** The resolvers in use, for logs and error messages. */
    public String describe() {
        return description;
    }

    /**
     * Parses {@code host[:port]}, {@code [v6]:port} or a bare IPv6 literal. Host names are not accepted: a resolver
     * must be an address, or resolving it would need a resolver.
     */
    public static InetSocketAddress parseResolver(String value) {
        requireNonNull(value, "value is null");
        String text = value.trim();
        String host = text;
        int port = 53;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + value + "' is not host[:port]: missing ']'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (rest.startsWith(":")) {
                port = parsePort(value, rest.substring(1));
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("'" + value + "' is not host[:port]");
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = parsePort(value, text.substring(text.indexOf(':') + 1));
        }
        if (!isAddressLiteral(host)) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not an IP address; give the resolver as host[:port]");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + value + "' is not an IP address", e);
        }
    }

    /**
     * The TXT records at {@code name}. The answer carries the resolver's response as it came ({@link
     * TxtAnswer#response()}): its answer section, where a CNAME may sit beside TXT records at the same name, and the
     * AD bit (the query asks for it, RFC 6840 §5.7). That response is the very one the lookup used: no extra query.
     */
    public CompletableFuture<LookupResult<TxtAnswer>> txt(String name) {
        Optional<Name> owner = absolute(name);
        return lookup(name, Type.TXT, (records, aliases) -> {
                    List<TxtRecord> txt = new ArrayList<>();
                    for (Record record : records) {
                        if (record instanceof TXTRecord txtRecord) {
                            txt.add(new TxtRecord(strings(txtRecord), record.getTTL()));
                        }
                    }
                    return new TxtAnswer(normalise(name), txt, aliases);
                })
                .thenApply(result -> {
                    Optional<Message> response = owner.map(txtResponses::get);
                    return result.map(answer -> response.map(message -> new TxtAnswer(
                                    answer.name(), answer.records(), answer.cnameChain(), Optional.of(raw(message))))
                            .orElse(answer));
                });
    }

    private static List<String> strings(TXTRecord record) {
        return record.getStringsAsByteArrays().stream()
                .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1))
                .toList();
    }

    /** The response as the SPI describes it: the answer section and the AD bit. */
    static TxtAnswer.Response raw(Message message) {
        List<TxtAnswer.AnswerRecord> answer = new ArrayList<>();
        for (Record record : message.getSection(Section.ANSWER)) {
            TxtAnswer.RecordType type =
                    switch (record) {
                        case TXTRecord txtRecord -> TxtAnswer.RecordType.TXT;
                        case CNAMERecord cname -> TxtAnswer.RecordType.CNAME;
                        default -> TxtAnswer.RecordType.OTHER;
                    };
            String data =
                    switch (record) {
                        case CNAMERecord cname -> hostName(cname.getTarget());
                        case TXTRecord txtRecord ->
                            String.join(
                                    " ",
                                    strings(txtRecord).stream()
                                            .map(text -> "\""
                                                    + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                                            .toList());
                        default -> record.rdataToString();
                    };
            answer.add(new TxtAnswer.AnswerRecord(
                    hostName(record.getName()), type, Type.string(record.getType()), record.getTTL(), data));
        }
        return new TxtAnswer.Response(message.getHeader().getFlag(Flags.AD), answer);
    }

    private static Optional<Name> absolute(String name) {
        try {
            return Optional.of(Name.fromString(normalise(name) + "."));
        } catch (TextParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Passes queries to the resolver and keeps the response to each TXT query, by the name asked. TXT queries ask
     * for the AD bit (RFC 6840 §5.7: a validating resolver then says whether it validated the answer). Only
     * {@code sendAsync(query, executor)} is overridden: dnsjava's defaults route {@code send} and
     * {@code sendAsync(query)} to it.
     */
    private static final class RecordingResolver implements Resolver {
        private final Resolver delegate;
        private final Map<Name, Message> responses;

        RecordingResolver(Resolver delegate, Map<Name, Message> responses) {
            this.delegate = delegate;
            this.responses = responses;
        }

        @Override
        public CompletionStage<Message> sendAsync(Message query, Executor executor) {
            Record question = query.getQuestion();
            if (question == null || question.getType() != Type.TXT) {
                return delegate.sendAsync(query, executor);
            }
            Message asked = query.clone();
            asked.getHeader().setFlag(Flags.AD);
            return delegate.sendAsync(asked, executor).thenApply(response -> {
                responses.put(question.getName(), response);
                return response;
            });
        }

        @Override
        public void setPort(int port) {
            delegate.setPort(port);
        }

        @Override
        public void setTCP(boolean flag) {
            delegate.setTCP(flag);
        }

        @Override
        public void setIgnoreTruncation(boolean flag) {
            delegate.setIgnoreTruncation(flag);
        }

        @Override
        public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
            delegate.setEDNS(version, payloadSize, flags, options);
        }

        @Override
        public void setTSIGKey(TSIG key) {
            delegate.setTSIGKey(key);
        }

        @Override
        public void setTimeout(Duration timeout) {
            delegate.setTimeout(timeout);
        }

        @Override
        public Duration getTimeout() {
            return delegate.getTimeout();
        }
    }

    public CompletableFuture<LookupResult<MxAnswer>> mx(String name) {
        return lookup(name, Type.MX, (records, aliases) -> {
            List<MxRecord> mx = new ArrayList<>();
            for (Record record : records) {
                if (record instanceof MXRecord mxRecord) {
                    mx.add(new MxRecord(mxRecord.getPriority(), hostName(mxRecord.getTarget()), record.getTTL()));
                }
            }
            mx.sort(Comparator.comparingInt(MxRecord::preference).thenComparing(MxRecord::host));
            return new MxAnswer(normalise(name), mx, aliases);
        });
    }

    /** A and AAAA in parallel. Found when either family has addresses; failed only when neither answered. */
    public CompletableFuture<LookupResult<AddressAnswer>> addresses(String host) {
        CompletableFuture<LookupResult<List<Record>>> a = lookup(host, Type.A, (records, aliases) -> records);
        CompletableFuture<LookupResult<List<Record>>> aaaa = lookup(host, Type.AAAA, (records, aliases) -> records);
        return a.thenCombine(aaaa, (v4, v6) -> combineAddresses(normalise(host), v4, v6));
    }

    private static LookupResult<AddressAnswer> combineAddresses(
            String host, LookupResult<List<Record>> v4, LookupResult<List<Record>> v6) {
        List<InetAddress> addresses = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        for (LookupResult<List<Record>> family : List.of(v4, v6)) {
            for (Record record : family.found().orElse(List.of())) {
                if (record instanceof ARecord aRecord) {
                    addresses.add(aRecord.getAddress());
                } else if (record instanceof AAAARecord aaaaRecord) {
                    addresses.add(aaaaRecord.getAddress());
                } else {
                    continue;
                }
                ttl = Math.min(ttl, record.getTTL());
            }
        }
        if (!addresses.isEmpty()) {
            return LookupResult.found(new AddressAnswer(host, addresses, ttl));
        }
        // Prefer reporting a failure over "not found": a timeout on A says more than NODATA on AAAA.
        if (v4 instanceof LookupResult.Failed<List<Record>> failed) {
            return LookupResult.failed(failed.kind(), failed.detail());
        }
        if (v6 instanceof LookupResult.Failed<List<Record>> failed) {
            return LookupResult.failed(failed.kind(), failed.detail());
        }
        if (v4 instanceof LookupResult.NotFound<List<Record>> notFound) {
            return LookupResult.notFound(
                    notFound.kind(), host + " has no A or AAAA record (" + notFound.detail() + ")");
        }
        return LookupResult.notFound(NotFoundKind.NO_DATA, host + " has no A or AAAA record");
    }

    private interface Extractor<T> {
        T extract(List<Record> records, List<String> aliases);
    }

    private <T> CompletableFuture<LookupResult<T>> lookup(String name, int type, Extractor<T> extractor) {
        Name query;
        try {
            query = Name.fromString(normalise(name) + ".");
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(
                    LookupResult.failed(FailureKind.PROTOCOL_ERROR, "'" + name + "' is not a valid DNS name"));
        }
        String what = Type.string(type) + " " + normalise(name);
        return attempt(query, type, what, extractor, 1);
    }

    /**
     * One attempt at a query. A timeout or SERVFAIL is often the resolver shedding load for a moment, not the
     * domain's fault: it is asked again after a short pause, of the next configured resolver first, and only a second
     * failure is concluded (saying it was retried). The caller's deadline still bounds the wait.
     */
    private <T> CompletableFuture<LookupResult<T>> attempt(
            Name query, int type, String what, Extractor<T> extractor, int attempt) {
        LookupSession session = sessions.get((attempt - 1) % sessions.size());
        return Deadlines.within(session.lookupAsync(query, type).toCompletableFuture(), timeout.multipliedBy(2))
                .handle(Outcome::new)
                .thenCompose(outcome -> {
                    Throwable error = outcome.error() == null ? null : unwrap(outcome.error());
                    if (error != null && transientFailure(error) && attempt < ATTEMPTS) {
                        LOG.debug("retrying {} after {} from {}", what, error, description);
                        Executor later = CompletableFuture.delayedExecutor(
                                RETRY_BACKOFF.toMillis() << (attempt - 1), TimeUnit.MILLISECONDS);
                        return CompletableFuture.supplyAsync(() -> attempt + 1, later)
                                .thenCompose(next -> attempt(query, type, what, extractor, next));
                    }
                    return CompletableFuture.completedFuture(
                            conclude(query, what, extractor, outcome.result(), error, attempt));
                });
    }

    /** A lookup's result or error, carried to the retry decision. */
    private record Outcome(
            org.xbill.DNS.lookup.@Nullable LookupResult result,
            @Nullable Throwable error) {}

    /** Timeouts and SERVFAIL are worth asking again; NXDOMAIN, NODATA, CNAME loops and REFUSED are not. */
    private static boolean transientFailure(Throwable error) {
        return switch (error) {
            case TimeoutException e -> true;
            case ServerFailedException e -> true;
            case IOException e -> isTimeout(e);
            default -> false;
        };
    }

    private <T> LookupResult<T> conclude(
            Name query,
            String what,
            Extractor<T> extractor,
            org.xbill.DNS.lookup.@Nullable LookupResult result,
            @Nullable Throwable error,
            int attempts) {
        if (error != null || result == null) {
            if (error == null) {
                return LookupResult.failed(FailureKind.SERVER_FAILURE, what + ": no answer and no error");
            }
            LookupResult<T> failure = failure(query, what, error);
            if (attempts > 1 && failure instanceof LookupResult.Failed<T> failed) {
                return LookupResult.failed(failed.kind(), failed.detail() + " (asked " + attempts + " times)");
            }
            return failure;
        }
        List<String> chain = chain(query, result.getAliases(), result.getRecords());
        if (result.getRecords().isEmpty()) {
            // dnsjava answers NODATA with an empty result rather than an exception
            return chain.isEmpty()
                    ? LookupResult.notFound(NotFoundKind.NO_DATA, what + ": no records")
                    : LookupResult.notFound(
                            NotFoundKind.DANGLING_CNAME,
                            hostName(query) + " is a CNAME to " + chain.getLast() + ", which has no such records");
        }
        return LookupResult.found(extractor.extract(result.getRecords(), chain));
    }

    /**
     * The CNAME targets followed from {@code query}, in order. dnsjava lists the names that were aliases (the query
     * first); the last target is the owner of the records found.
     */
    private static List<String> chain(Name query, List<Name> aliases, List<Record> records) {
        List<String> targets = new ArrayList<>();
        for (Name alias : aliases) {
            if (!alias.equals(query)) {
                targets.add(hostName(alias));
            }
        }
        if (!aliases.isEmpty()
                && !records.isEmpty()
                && !records.getFirst().getName().equals(query)) {
            targets.add(hostName(records.getFirst().getName()));
        }
        return targets;
    }

    private <T> LookupResult<T> failure(Name query, String what, Throwable error) {
        return switch (error) {
            case NoSuchDomainException e ->
                danglingOr(query, e, NotFoundKind.NXDOMAIN, what + ": no such name (NXDOMAIN)");
            case NoSuchRRSetException e -> danglingOr(query, e, NotFoundKind.NO_DATA, what + ": no records");
            case RedirectLoopException e ->
                LookupResult.failed(FailureKind.CNAME_LOOP, what + ": CNAME loop (" + e.getMessage() + ")");
            case RedirectOverflowException e ->
                LookupResult.failed(
                        FailureKind.CNAME_LOOP, what + ": CNAME chain longer than " + MAX_CNAME_HOPS + " hops");
            case ServerFailedException e ->
                LookupResult.failed(FailureKind.SERVER_FAILURE, what + ": the resolver answered SERVFAIL");
            case TimeoutException e ->
                LookupResult.failed(
                        FailureKind.TIMEOUT, what + ": no answer from the DNS resolver within " + seconds(timeout));
            case LookupFailedException e ->
                LookupResult.failed(FailureKind.SERVER_FAILURE, what + ": lookup failed (" + rcodeText(e) + ")");
            case WireParseException e ->
                LookupResult.failed(
                        FailureKind.PROTOCOL_ERROR, what + ": the DNS resolver sent an answer that is not valid DNS");
            case IOException e -> timeoutOrNetwork(what, e);
            default -> {
                String reference = ReferenceId.next();
                LOG.warn("{}: lookup failed [reference {}]", what, reference, error);
                yield LookupResult.failed(
                        FailureKind.SERVER_FAILURE, what + ": lookup failed (reference " + reference + ")");
            }
        };
    }

    private static <T> LookupResult<T> danglingOr(
            Name query, LookupFailedException error, NotFoundKind kind, String detail) {
        Name failedName = error.getName();
        if (failedName != null && !failedName.equals(query)) {
            return LookupResult.notFound(
                    NotFoundKind.DANGLING_CNAME,
                    hostName(query) + " is a CNAME to " + hostName(failedName) + ", which "
                            + (kind == NotFoundKind.NXDOMAIN ? "does not exist" : "has no such records"));
        }
        return LookupResult.notFound(kind, detail);
    }

    private <T> LookupResult<T> timeoutOrNetwork(String what, IOException error) {
        if (isTimeout(error)) {
            return LookupResult.failed(
                    FailureKind.TIMEOUT, what + ": no answer from the DNS resolver within " + seconds(timeout));
        }
        // The resolver's address and the socket error are the operator's business: logged, never shown in a report.
        String reference = ReferenceId.next();
        LOG.warn(
                "{}: could not reach the resolver {} [reference {}]: {}",
                what,
                description,
                reference,
                error.toString());
        return LookupResult.failed(
                FailureKind.SERVER_FAILURE, what + ": could not reach the DNS resolver (reference " + reference + ")");
    }

    private static boolean isTimeout(IOException error) {
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("timed out") || message.contains("timeout");
    }

    private static String rcodeText(LookupFailedException error) {
        String message = error.getMessage();
        return message == null ? "rcode " + Rcode.string(Rcode.SERVFAIL) : message;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static Resolver buildResolver(InetSocketAddress server, Duration timeout) {
        SimpleResolver simple = new SimpleResolver(server);
        simple.setTimeout(timeout);
        return simple;
    }

    private static int parsePort(String value, String port) {
        try {
            int parsed = Integer.parseInt(port);
            if (parsed < 1 || parsed > 65535) {
                throw new IllegalArgumentException("'" + value + "': port must be 1-65535");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "': '" + port + "' is not a port number", e);
        }
    }

    private static boolean isAddressLiteral(String host) {
        return host.matches("[0-9.]+") && host.chars().filter(c -> c == '.').count() == 3
                || host.indexOf(':') >= 0 && host.matches("[0-9a-fA-F:.%a-zA-Z0-9]+");
    }

    static String normalise(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    static String hostName(Name name) {
        return normalise(name.toString());
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
