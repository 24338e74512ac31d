package dev.mtasts.core.smtp;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.dns.DnsClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks up the TLSA records of an MX host's port 25 ({@code _25._tcp.<host>}, RFC 7672 §2.2) and whether the
 * resolver validated them with DNSSEC. The query sets the DO bit (so a validating resolver validates) and the AD bit
 * (so it reports the result, RFC 6840 §5.7); DNSSEC validation itself is the resolver's job, as for a DANE-enabled
 * MTA that trusts its local validating resolver.
 */
public final class TlsaLookup {
    private static final int UDP_PAYLOAD = 1232;

    private final Resolver resolver;

    /** Asks {@code resolver}, which carries its own timeout. */
    public TlsaLookup(Resolver resolver) {
        this.resolver = requireNonNull(resolver, "resolver is null");
    }

    /** Asks the configured resolvers ({@code host[:port]}; empty means the system's), each with {@code timeout}. */
    public static TlsaLookup forResolvers(List<String> resolvers, Duration timeout) {
        requireNonNull(resolvers, "resolvers is null");
        requireNonNull(timeout, "timeout is null");
        List<InetSocketAddress> servers = resolvers.isEmpty()
                ? ResolverConfig.getCurrentConfig().servers()
                : resolvers.stream().map(DnsClient::parseResolver).toList();
        List<Resolver> simple = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            SimpleResolver one = new SimpleResolver(server);
            one.setTimeout(timeout);
            simple.add(one);
        }
        if (simple.size() == 1) {
            return new TlsaLookup(simple.getFirst());
        }
        ExtendedResolver extended = new ExtendedResolver(simple);
        extended.setTimeout(timeout);
        extended.setRetries(1);
        return new TlsaLookup(extended);
    }

    /** The TLSA records of port 25 of {@code host}; never completes exceptionally. */
    CompletableFuture<TlsaAnswer> lookup(String host) {
        requireNonNull(host, "host is null");
        String owner = "_25._tcp." + host;
        Message query;
        try {
            query = Message.newQuery(Record.newRecord(Name.fromString(owner + "."), Type.TLSA, DClass.IN));
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(
                    TlsaAnswer.failed("'" + owner + "' is not a valid DNS name, so it has no TLSA records"));
        }
        query.getHeader().setFlag(Flags.AD);
        query.addRecord(new OPTRecord(UDP_PAYLOAD, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
        try {
            return resolver.sendAsync(query)
                    .toCompletableFuture()
                    .handle((response, error) -> error == null
                            ? answer(owner, response)
                            : TlsaAnswer.failed("the TLSA lookup of " + owner + " failed (" + reason(error) + ")"));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    TlsaAnswer.failed("the TLSA lookup of " + owner + " failed (" + reason(e) + ")"));
        }
    }

    private static TlsaAnswer answer(String owner, Message response) {
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return TlsaAnswer.none();
        }
        if (rcode != Rcode.NOERROR) {
            return TlsaAnswer.failed("the TLSA lookup of " + owner + " failed (" + Rcode.string(rcode) + ")");
        }
        List<TLSARecord> records = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record instanceof TLSARecord tlsa) {
                records.add(tlsa);
            }
        }
        if (records.isEmpty()) {
            return TlsaAnswer.none();
        }
        return TlsaAnswer.found(records, response.getHeader().getFlag(Flags.AD));
    }

    private static String reason(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
