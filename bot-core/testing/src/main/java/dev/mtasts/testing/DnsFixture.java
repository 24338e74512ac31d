package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An in-process DNS server on 127.0.0.1 that answers from records given in code, over UDP and TCP on one ephemeral
 * port. It answers like an authoritative server for a single zone that holds every record it was given, and doubles as
 * the "recursive resolver" the code under test is pointed at.
 *
 * <pre>{@code
 * try (DnsFixture dns = DnsFixture.start()) {
 *     dns.txt("_mta-sts.example.com", "v=STSv1; id=20240101")
 *             .mx("example.com", 10, "mx1.example.com")
 *             .a("mta-sts.example.com", "127.0.0.1");
 *     dns.servfail("_smtp._tls.example.com", "TXT");
 *     ... resolver = dns.address() or "--resolver " + dns.hostAndPort() ...
 *     assertThat(dns.queryCount("_mta-sts.example.com", "TXT")).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Semantics: a name with records of the asked type gets them (NOERROR). A name with only other types, or an empty
 * non-terminal (a name with no records but with records below it, such as {@code example.com} when only {@code
 * _mta-sts.example.com} was given), gets NOERROR with an empty answer (NODATA). Any other name gets NXDOMAIN. A CNAME
 * at the name is returned and followed within the fixture's data; the rcode then describes the end of the chain
 * (NXDOMAIN for a dangling target). Identical records are stored once, as in a real RRset. Negative answers carry no
 * SOA. Every query is handled on its own virtual thread, so {@link #delay(Duration)} delays answers without
 * serialising them. UDP answers larger than 512 bytes (or the client's EDNS size, at most 1232) are truncated with the
 * TC bit; TCP answers are never truncated.
 *
 * <p>Names are case-insensitive and may be given with or without the trailing dot; types are mnemonics such as
 * {@code "TXT"}. All methods are thread-safe and may be called while the server is running.
 */
public final class DnsFixture extends LoopbackServer {
    /** TTL of records added without an explicit one. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(300);

    private static final System.Logger LOGGER = System.getLogger(DnsFixture.class.getName());
    private static final InetAddress LOOPBACK = Loopback.ADDRESS;
    private static final int PLAIN_UDP_LIMIT = 512;
    private static final int EDNS_UDP_LIMIT = 1232;
    private static final int TCP_LIMIT = 65535;
    private static final int MAX_CNAME_HOPS = 8;
    private static final int BIND_ATTEMPTS = 20;

    /** How a query reached the fixture. */
    public enum Transport {
        UDP,
        TCP
    }

    /**
     * One query as received, in arrival order.
     *
     * @param name the queried name, lower case, without the trailing dot
     * @param type the type mnemonic, such as {@code TXT}
     */
    public record Query(String name, String type, Transport transport) {
        public Query {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(transport, "transport is null");
        }
    }

    private record Key(Name name, int type) {}

    private final DatagramSocket udp;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<Key> dropped = ConcurrentHashMap.newKeySet();
    private final Set<Key> failing = ConcurrentHashMap.newKeySet();
    private final Set<Key> truncated = ConcurrentHashMap.newKeySet();
    private final Map<Key, Duration> delays = new ConcurrentHashMap<>();
    private final Map<Key, Misbehaviour> misbehaviours = new ConcurrentHashMap<>();
    private final Map<Key, java.util.concurrent.atomic.AtomicInteger> flaky = new ConcurrentHashMap<>();
    private final Map<Key, Misbehaviour> flakyHow = new ConcurrentHashMap<>();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private final Set<Name> conflictingCnames = ConcurrentHashMap.newKeySet();
    private final Set<Name> authenticated = ConcurrentHashMap.newKeySet();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean reversedAnswers;

    private DnsFixture(DatagramSocket udp, ServerSocket tcp) {
        super(tcp, "dns-fixture-tcp");
        this.udp = udp;
        Thread.ofVirtual().name("dns-fixture-udp-" + udp.getLocalPort()).start(this::serveUdp);
        startAccepting();
    }

    /** Starts a server on 127.0.0.1 on one ephemeral port, for UDP and TCP. */
    public static DnsFixture start() {
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            DatagramSocket udp = null;
            try {
                udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                // a bulk benchmark sends hundreds of queries at once: the default buffer dropped some under load
                udp.setReceiveBufferSize(4 << 20);
                ServerSocket tcp = new ServerSocket();
                try {
                    tcp.bind(new InetSocketAddress(LOOPBACK, udp.getLocalPort()), 64);
                } catch (IOException exception) {
                    tcp.close();
                    throw exception;
                }
                return new DnsFixture(udp, tcp);
            } catch (IOException exception) {
                last = exception;
                if (udp != null) {
                    udp.close();
                }
            }
        }
        throw new IllegalStateException("cannot bind UDP and TCP on one loopback port", last);
    }

    /** {@code 127.0.0.1:PORT}, as a command line {@code --resolver} value. */
    public String hostAndPort() {
        return LOOPBACK.getHostAddress() + ":" + port();
    }

    // ---- records ------------------------------------------------------------------------------------------------

    /**
     * Adds a TXT record holding {@code text}; text longer than 255 bytes (UTF-8) is split into 255-byte
     * character-strings, as DNS requires.
     */
    public DnsFixture txt(String name, String text) {
        return txt(name, DEFAULT_TTL, text);
    }

    /** As {@link #txt(String, String)} with a TTL. */
    public DnsFixture txt(String name, Duration ttl, String text) {
        requireNonNull(text, "text is null");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<byte[]> strings = new ArrayList<>();
        for (int start = 0; start < bytes.length || strings.isEmpty(); start += 255) {
            strings.add(Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + 255)));
        }
        return txtBytes(name, ttl, strings);
    }

    /** Adds one TXT record made of several character-strings (each at most 255 bytes in UTF-8), in order. */
    public DnsFixture txt(String name, List<String> strings) {
        return txt(name, DEFAULT_TTL, strings);
    }

    /** As {@link #txt(String, List)} with a TTL. */
    public DnsFixture txt(String name, Duration ttl, List<String> strings) {
        requireNonNull(strings, "strings is null");
        return txtBytes(
                name,
                ttl,
                strings.stream()
                        .map(string -> string.getBytes(StandardCharsets.UTF_8))
                        .toList());
    }

    /** Adds one TXT record made of raw character-strings (each at most 255 bytes), e.g. to serve invalid UTF-8. */
    public DnsFixture txtBytes(String name, Duration ttl, List<byte[]> strings) {
        requireNonNull(strings, "strings is null");
        if (strings.isEmpty()) {
            throw new IllegalArgumentException("a TXT record needs at least one character-string");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] string : strings) {
            if (string.length > 255) {
                throw new IllegalArgumentException("a character-string holds at most 255 bytes, got " + string.length);
            }
            data.write(string.length);
            data.writeBytes(string);
        }
        return record(Record.newRecord(name(name), Type.TXT, DClass.IN, seconds(ttl), data.toByteArray()));
    }

    /** Adds an MX record; use target {@code "."} for a null MX. */
    public DnsFixture mx(String name, int preference, String target) {
        return mx(name, DEFAULT_TTL, preference, target);
    }

    /** As {@link #mx(String, int, String)} with a TTL. */
    public DnsFixture mx(String name, Duration ttl, int preference, String target) {
        return record(new MXRecord(name(name), DClass.IN, seconds(ttl), preference, name(target)));
    }

    /** Adds one A record per IPv4 address literal. */
    public DnsFixture a(String host, String... addresses) {
        return a(host, DEFAULT_TTL, addresses);
    }

    /** As {@link #a(String, String...)} with a TTL. */
    public DnsFixture a(String host, Duration ttl, String... addresses) {
        return addresses(host, ttl, Address.IPv4, addresses);
    }

    /** Adds one AAAA record per IPv6 address literal. */
    public DnsFixture aaaa(String host, String... addresses) {
        return aaaa(host, DEFAULT_TTL, addresses);
    }

    /** As {@link #aaaa(String, String...)} with a TTL. */
    public DnsFixture aaaa(String host, Duration ttl, String... addresses) {
        return addresses(host, ttl, Address.IPv6, addresses);
    }

    /** One A ({@link Address#IPv4}) or AAAA record per address literal of {@code family}. */
    private DnsFixture addresses(String host, Duration ttl, int family, String... addresses) {
        for (String address : addresses) {
            InetAddress literal = literal(address, family);
            record(
                    family == Address.IPv4
                            ? new ARecord(name(host), DClass.IN, seconds(ttl), literal)
                            : new AAAARecord(name(host), DClass.IN, seconds(ttl), literal));
        }
        return this;
    }

    /** Makes {@code name} an alias of {@code target}. A CNAME cannot share its name with other records. */
    public DnsFixture cname(String name, String target) {
        return cname(name, DEFAULT_TTL, target);
    }

    /** As {@link #cname(String, String)} with a TTL. */
    public DnsFixture cname(String name, Duration ttl, String target) {
        return record(new CNAMERecord(name(name), DClass.IN, seconds(ttl), name(target)));
    }

    /**
     * Adds a CNAME at {@code name} that shares its name with other records there, which RFC 1034 §3.6.2 forbids but
     * some servers answer anyway: a query for a type that exists at {@code name} is answered with the CNAME and those
     * records, both owned by {@code name}, and the CNAME is not followed. Other types follow the CNAME as usual.
     */
    public DnsFixture conflictingCname(String name, String target) {
        Name owner = name(name);
        conflictingCnames.add(owner);
        return record(new CNAMERecord(owner, DClass.IN, seconds(DEFAULT_TTL), name(target)));
    }

    /**
     * Sets the AD bit (RFC 4035 §3.2.3, "authentic data") on every answer for {@code name}, as a validating resolver
     * does for a DNSSEC-signed zone. Answers for other names never carry it.
     */
    public DnsFixture authenticated(String name) {
        authenticated.add(name(name));
        return this;
    }

    /** Adds any dnsjava record of class IN, for types without a helper here. */
    public DnsFixture record(Record record) {
        requireNonNull(record, "record is null");
        if (record.getDClass() != DClass.IN || !record.getName().isAbsolute()) {
            throw new IllegalArgumentException("records must be absolute and of class IN: " + record);
        }
        records.compute(record.getName(), (owner, existing) -> {
            List<Record> current = existing == null ? List.of() : existing;
            if (current.contains(record)) {
                return current;
            }
            boolean hasCname = current.stream().anyMatch(other -> other.getType() == Type.CNAME);
            if (!conflictingCnames.contains(owner)
                    && (hasCname || (record.getType() == Type.CNAME && !current.isEmpty()))) {
                throw new IllegalArgumentException("a CNAME cannot share its name with other records: " + owner
                        + " (use conflictingCname to serve that conflict on purpose)");
            }
            List<Record> updated = new ArrayList<>(current);
            updated.add(record);
            return List.copyOf(updated);
        });
        return this;
    }

    // ---- behaviour ----------------------------------------------------------------------------------------------

    /** Delays every answer by {@code delay}; queries are still handled concurrently. */
    public DnsFixture delay(Duration delay) {
        this.delay = nonNegative(delay);
        return this;
    }

    /** Delays answers to this name and type by {@code delay}, instead of the global delay. */
    public DnsFixture delay(String name, String type, Duration delay) {
        delays.put(key(name, type), nonNegative(delay));
        return this;
    }

    /** Never answers this name and type, on either transport; the client times out. */
    public DnsFixture drop(String name, String type) {
        dropped.add(key(name, type));
        return this;
    }

    /** Answers this name and type with SERVFAIL. */
    public DnsFixture servfail(String name, String type) {
        failing.add(key(name, type));
        return this;
    }

    /** Answers this name and type over UDP with the TC bit and no records, so the client must retry over TCP. */
    public DnsFixture truncate(String name, String type) {
        truncated.add(key(name, type));
        return this;
    }

    /** Ways a hostile or broken server answers, for {@link #misbehave} and {@link #failFirst}. */
    public enum Misbehaviour {
        /** No answer at all; the client times out. */
        DROP,
        /** rcode SERVFAIL. */
        SERVFAIL,
        /** rcode REFUSED. */
        REFUSED,
        /** Random bytes that are not a DNS message (the query id is kept so the client reads them). */
        GARBAGE,
        /** A valid header that promises an answer record, cut off in the middle of it, without the TC bit. */
        CUT_SHORT
    }

    /** Answers every query for this name and type in the given broken way, on both transports. */
    public DnsFixture misbehave(String name, String type, Misbehaviour how) {
        misbehaviours.put(key(name, type), requireNonNull(how, "how is null"));
        return this;
    }

    /**
     * Answers the first {@code count} queries for this name and type in the given broken way and the later ones
     * normally: a resolver that drops or fails a query under load and then recovers.
     */
    public DnsFixture failFirst(String name, String type, int count, Misbehaviour how) {
        Key key = key(name, type);
        flakyHow.put(key, requireNonNull(how, "how is null"));
        flaky.put(key, new java.util.concurrent.atomic.AtomicInteger(count));
        return this;
    }

    // ---- query log ----------------------------------------------------------------------------------------------

    /**
     * Answers every RRset in the reverse of the order its records were added (from the next query on), as resolvers
     * that rotate their answers do; {@code false} goes back to the order given.
     */
    public DnsFixture reverseAnswers(boolean reversed) {
        this.reversedAnswers = reversed;
        return this;
    }

    /** Every query received so far (including dropped ones), in arrival order. */
    public List<Query> queries() {
        return List.copyOf(queries);
    }

    /** How many queries for this name and type arrived, over both transports. */
    public int queryCount(String name, String type) {
        String display = display(name(name));
        String mnemonic = Type.string(type(type));
        return (int) queries.stream()
                .filter(query -> query.name().equals(display) && query.type().equals(mnemonic))
                .count();
    }

    /** Forgets the queries received so far. */
    public void clearQueries() {
        queries.clear();
    }

    /** Stops the server: closes the sockets and abandons pending (delayed or dropped) answers. */
    @Override
    protected void onClose() {
        udp.close();
    }

    @Override
    public String toString() {
        return "DnsFixture[" + hostAndPort() + "]";
    }

    // ---- serving ------------------------------------------------------------------------------------------------

    private void serveUdp() {
        byte[] buffer = new byte[TCP_LIMIT];
        while (!isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException exception) {
                if (!isClosed()) {
                    LOGGER.log(System.Logger.Level.WARNING, "DNS fixture UDP receive failed", exception);
                }
                continue;
            }
            byte[] data =
                    Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
            SocketAddress client = packet.getSocketAddress();
            submit(() -> answer(data, Transport.UDP).ifPresent(bytes -> sendUdp(bytes, client)));
        }
    }

    private void sendUdp(byte[] bytes, SocketAddress client) {
        try {
            udp.send(new DatagramPacket(bytes, bytes.length, client));
        } catch (IOException exception) {
            if (!isClosed()) {
                LOGGER.log(System.Logger.Level.WARNING, "DNS fixture UDP send failed", exception);
            }
        }
    }

    @Override
    protected void serve(Socket socket) throws IOException {
        TcpConnection connection = new TcpConnection(socket);
        try {
            DataInputStream input = new DataInputStream(new BufferedInputStream(connection.socket.getInputStream()));
            while (!isClosed()) {
                int length = input.readUnsignedShort();
                byte[] data = input.readNBytes(length);
                if (data.length < length) {
                    break;
                }
                connection.started();
                submit(() -> {
                    try {
                        answer(data, Transport.TCP).ifPresent(connection::write);
                    } finally {
                        connection.finished();
                    }
                });
            }
        } catch (EOFException exception) {
            // the client closed the connection
        } catch (IOException exception) {
            if (!isClosed()) {
                LOGGER.log(System.Logger.Level.DEBUG, "DNS fixture TCP read failed", exception);
            }
        }
        connection.inputDone();
        connection.awaitIdle();
    }

    private void submit(Runnable task) {
        execute(task);
    }

    /** The wire answer to one query, or empty for no answer at all. */
    private Optional<byte[]> answer(byte[] data, Transport transport) {
        Message query;
        try {
            query = new Message(data);
        } catch (IOException exception) {
            return formatError(data);
        }
        Record question = query.getQuestion();
        if (question == null) {
            return formatError(data);
        }
        Key key = new Key(question.getName(), question.getType());
        queries.add(new Query(display(question.getName()), Type.string(question.getType()), transport));
        if (dropped.contains(key)) {
            return Optional.empty();
        }
        Misbehaviour how = misbehaviours.get(key);
        java.util.concurrent.atomic.AtomicInteger remaining = flaky.get(key);
        if (how == null && remaining != null && remaining.getAndDecrement() > 0) {
            how = flakyHow.get(key);
        }
        if (how != null) {
            return misbehaviour(query, how, transport);
        }
        try {
            Thread.sleep(delays.getOrDefault(key, delay));
        } catch (InterruptedException exception) {
            return Optional.empty();
        }
        Message response = responseTo(query);
        try {
            if (query.getHeader().getOpcode() != Opcode.QUERY) {
                response.getHeader().setRcode(Rcode.NOTIMP);
            } else if (question.getDClass() != DClass.IN) {
                response.getHeader().setRcode(Rcode.REFUSED);
            } else if (failing.contains(key)) {
                response.getHeader().setRcode(Rcode.SERVFAIL);
            } else if (transport == Transport.UDP && truncated.contains(key)) {
                response.getHeader().setFlag(Flags.TC);
            } else {
                resolve(question, response);
                if (authenticated.contains(question.getName())) {
                    response.getHeader().setFlag(Flags.AD);
                }
            }
        } catch (RuntimeException exception) {
            LOGGER.log(System.Logger.Level.ERROR, "DNS fixture failed to answer " + question, exception);
            response = responseTo(query);
            response.getHeader().setRcode(Rcode.SERVFAIL);
        }
        return Optional.of(response.toWire(limit(query, transport)));
    }

    private Optional<byte[]> misbehaviour(Message query, Misbehaviour how, Transport transport) {
        Message response = responseTo(query);
        return switch (how) {
            case DROP -> Optional.empty();
            case SERVFAIL -> {
                response.getHeader().setRcode(Rcode.SERVFAIL);
                yield Optional.of(response.toWire(limit(query, transport)));
            }
            case REFUSED -> {
                response.getHeader().setRcode(Rcode.REFUSED);
                yield Optional.of(response.toWire(limit(query, transport)));
            }
            case GARBAGE -> {
                byte[] junk = new byte[64];
                new java.util.Random(query.getHeader().getID()).nextBytes(junk);
                int id = query.getHeader().getID();
                junk[0] = (byte) (id >> 8);
                junk[1] = (byte) id;
                junk[2] = (byte) 0x80; // QR set, so it reads as a response
                yield Optional.of(junk);
            }
            case CUT_SHORT -> {
                resolve(query.getQuestion(), response);
                if (response.getSection(Section.ANSWER).isEmpty()) {
                    response.addRecord(
                            new ARecord(query.getQuestion().getName(), DClass.IN, 300, LOOPBACK), Section.ANSWER);
                }
                byte[] wire = response.toWire();
                yield Optional.of(Arrays.copyOf(wire, wire.length - 3));
            }
        };
    }

    private static Message responseTo(Message query) {
        Message response = new Message(query.getHeader().getID());
        Header header = response.getHeader();
        header.setOpcode(query.getHeader().getOpcode());
        header.setFlag(Flags.QR);
        header.setFlag(Flags.AA);
        header.setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        response.addRecord(query.getQuestion(), Section.QUESTION);
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(EDNS_UDP_LIMIT, 0, 0), Section.ADDITIONAL);
        }
        return response;
    }

    private void resolve(Record question, Message response) {
        int type = question.getType();
        Name name = question.getName();
        Set<Name> visited = new HashSet<>();
        for (int hop = 0; visited.add(name); hop++) {
            List<Record> atName = records.get(name);
            if (atName == null) {
                if (!isEmptyNonTerminal(name)) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                return;
            }
            List<Record> matching = atName.stream()
                    .filter(record -> type == Type.ANY || record.getType() == type)
                    .toList();
            if (!matching.isEmpty()) {
                if (type != Type.CNAME && conflictingCnames.contains(name)) {
                    // the conflict as such servers answer it: the CNAME and the records, at one owner name
                    atName.stream()
                            .filter(record -> record.getType() == Type.CNAME)
                            .forEach(record -> response.addRecord(record, Section.ANSWER));
                }
                List<Record> ordered = new java.util.ArrayList<>(matching);
                if (reversedAnswers) {
                    java.util.Collections.reverse(ordered);
                }
                ordered.forEach(record -> response.addRecord(record, Section.ANSWER));
                return;
            }
            Optional<CNAMERecord> alias = atName.stream()
                    .filter(CNAMERecord.class::isInstance)
                    .map(CNAMERecord.class::cast)
                    .findFirst();
            if (alias.isEmpty() || hop >= MAX_CNAME_HOPS) {
                return;
            }
            response.addRecord(alias.get(), Section.ANSWER);
            name = alias.get().getTarget();
        }
    }

    private boolean isEmptyNonTerminal(Name name) {
        return records.keySet().stream().anyMatch(owner -> !owner.equals(name) && owner.subdomain(name));
    }

    private static int limit(Message query, Transport transport) {
        return switch (transport) {
            case TCP -> TCP_LIMIT;
            case UDP -> {
                OPTRecord opt = query.getOPT();
                yield opt == null
                        ? PLAIN_UDP_LIMIT
                        : Math.max(PLAIN_UDP_LIMIT, Math.min(opt.getPayloadSize(), EDNS_UDP_LIMIT));
            }
        };
    }

    private static Optional<byte[]> formatError(byte[] data) {
        try {
            Header header = new Header(data);
            Message response = new Message(header.getID());
            response.getHeader().setFlag(Flags.QR);
            response.getHeader().setRcode(Rcode.FORMERR);
            return Optional.of(response.toWire());
        } catch (IOException exception) {
            return Optional.empty();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private final class TcpConnection {
        private final Socket socket;
        private final ReentrantLock writeLock = new ReentrantLock();
        private int pending;
        private boolean inputDone;

        TcpConnection(Socket socket) {
            this.socket = socket;
        }

        void write(byte[] answer) {
            writeLock.lock();
            try {
                OutputStream output = socket.getOutputStream();
                byte[] framed = new byte[answer.length + 2];
                framed[0] = (byte) (answer.length >>> 8);
                framed[1] = (byte) answer.length;
                System.arraycopy(answer, 0, framed, 2, answer.length);
                output.write(framed);
                output.flush();
            } catch (IOException exception) {
                LOGGER.log(System.Logger.Level.DEBUG, "DNS fixture TCP write failed", exception);
            } finally {
                writeLock.unlock();
            }
        }

        synchronized void started() {
            pending++;
        }

        synchronized void finished() {
            pending--;
            closeWhenIdle();
        }

        synchronized void inputDone() {
            inputDone = true;
            closeWhenIdle();
        }

        private void closeWhenIdle() {
            if (inputDone && pending == 0) {
                notifyAll();
            }
        }

        /** Waits until every answer of this connection is written, so the server may close it. */
        synchronized void awaitIdle() {
            while (pending > 0) {
                try {
                    wait();
                } catch (InterruptedException exception) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Key key(String name, String type) {
        return new Key(name(name), type(type));
    }

    private static Name name(String name) {
        requireNonNull(name, "name is null");
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException exception) {
            throw new IllegalArgumentException("not a DNS name: " + name, exception);
        }
    }

    private static int type(String type) {
        requireNonNull(type, "type is null");
        int value = Type.value(type);
        if (value < 0) {
            throw new IllegalArgumentException("not a DNS type: " + type);
        }
        return value;
    }

    private static String display(Name name) {
        return name.equals(Name.root) ? "." : name.toString(true).toLowerCase(Locale.ROOT);
    }

    private static long seconds(Duration ttl) {
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || ttl.getSeconds() > 0x7FFFFFFFL) {
            throw new IllegalArgumentException("TTL out of range: " + ttl);
        }
        return ttl.getSeconds();
    }

    private static Duration nonNegative(Duration delay) {
        requireNonNull(delay, "delay is null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay is negative: " + delay);
        }
        return delay;
    }

    private static InetAddress literal(String address, int family) {
        requireNonNull(address, "address is null");
        try {
            return Address.getByAddress(address, family);
        } catch (UnknownHostException exception) {
            throw new IllegalArgumentException(
                    "not an IPv" + (family == Address.IPv4 ? "4" : "6") + " address literal: " + address, exception);
        }
    }
}
