package dev.mtasts.core.net;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the bot may connect to an address. The bot fetches what strangers name, so before any outbound
 * HTTPS or SMTP connection the resolved addresses are checked here, and only {@link Allowed} ones are used.
 *
 * <p>Refused unless the operator's allow-list covers them: loopback, private (RFC 1918), unique-local, link-local,
 * site-local, carrier-grade NAT, unspecified, multicast, broadcast, reserved, documentation, benchmarking, IETF
 * protocol assignment, 6to4 relay anycast, discard-only, ORCHID, SRv6 and local-use NAT64 addresses. IPv6 forms that
 * embed an IPv4 address (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16} and Teredo {@code 2001::/32}) are judged by the IPv4 addresses inside them.
 *
 * <p>The allow-list applies to the exact address checked, and to the IPv4 address embedded in an IPv6 one: allowing
 * {@code 127.0.0.0/8} also allows {@code ::ffff:127.0.0.1}, but allowing {@code ::1/128} does not allow
 * {@code 127.0.0.1}.
 *
 * <p>This never resolves names or opens connections; thread-safe and immutable.
 */
public final class AddressGuard {
    private static final Allowed ALLOWED = new Allowed();

    private static final List<SpecialRange> IPV4_RANGES = List.of(
            range("0.0.0.0/8", "an unspecified ('this network') address"),
            range("10.0.0.0/8", "a private (RFC 1918) address"),
            range("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
            range("127.0.0.0/8", "a loopback address"),
            range("169.254.0.0/16", "a link-local address"),
            range("172.16.0.0/12", "a private (RFC 1918) address"),
            range("192.0.0.0/24", "an IETF protocol assignment address"),
            range("192.0.2.0/24", "a documentation address"),
            range("192.88.99.0/24", "a 6to4 relay anycast address"),
            range("192.168.0.0/16", "a private (RFC 1918) address"),
            range("198.18.0.0/15", "a benchmarking address"),
            range("198.51.100.0/24", "a documentation address"),
            range("203.0.113.0/24", "a documentation address"),
            range("224.0.0.0/4", "a multicast address"),
            range("255.255.255.255/32", "the broadcast address"),
            range("240.0.0.0/4", "a reserved address"));

    /** Checked before the embedded forms: {@code ::} and {@code ::1} are not IPv4-compatible addresses. */
    private static final List<SpecialRange> IPV6_UNSPECIFIED_AND_LOOPBACK =
            List.of(range("::/128", "the unspecified address"), range("::1/128", "a loopback address"));

    private static final List<Embedding> IPV6_EMBEDDINGS = List.of(
            embedding("::ffff:0:0/96", "an IPv4-mapped address", octets -> List.of(slice(octets, 12))),
            embedding("::ffff:0:0:0/96", "an IPv4-translated address", octets -> List.of(slice(octets, 12))),
            embedding("::/96", "an IPv4-compatible address", octets -> List.of(slice(octets, 12))),
            embedding("64:ff9b::/96", "a NAT64 address", octets -> List.of(slice(octets, 12))),
            embedding("2002::/16", "a 6to4 address", octets -> List.of(slice(octets, 2))),
            embedding("2001::/32", "a Teredo address", AddressGuard::teredoAddresses));

    private static final List<SpecialRange> IPV6_RANGES = List.of(
            range("64:ff9b:1::/48", "a local-use NAT64 address"),
            range("100::/64", "a discard-only address"),
            range("2001:2::/48", "a benchmarking address"),
            range("2001:10::/28", "an ORCHID identifier, not a routable address"),
            range("2001:20::/28", "an ORCHID identifier, not a routable address"),
            range("2001:db8::/32", "a documentation address"),
            range("3fff::/20", "a documentation address"),
            range("5f00::/16", "an SRv6 segment identifier, not a routable address"),
            range("fc00::/7", "a unique-local address"),
            range("fe80::/10", "a link-local address"),
            range("fec0::/10", "a site-local address"),
            range("ff00::/8", "a multicast address"));

    private static final Logger LOG = LoggerFactory.getLogger(AddressGuard.class);

    /** What users see for a refused address: never the address itself (see {@link Refused}). */
    public static final String REFUSED = "refused by the address guard";

    private final List<Cidr> allowList;
    private final List<String> refusedSuffixes;

    /** @param allowList operator ranges that may be reached even though they are special, e.g. a test mail server */
    public AddressGuard(List<Cidr> allowList) {
        this(allowList, List.of());
    }

    /**
     * @param allowList operator ranges that may be reached even though they are special, e.g. a test mail server
     * @param refusedSuffixes names under these suffixes are refused before any lookup (e.g. {@code internal})
     */
    public AddressGuard(List<Cidr> allowList, List<String> refusedSuffixes) {
        this.allowList = List.copyOf(requireNonNull(allowList, "allowList is null"));
        this.refusedSuffixes = requireNonNull(refusedSuffixes, "refusedSuffixes is null").stream()
                .map(suffix -> suffix.toLowerCase(Locale.ROOT))
                .toList();
    }

    /**
     * Refuses a domain name under one of the internal suffixes, before anything is looked up: behind split-horizon
     * DNS (Kubernetes, corporate networks) the answers for such names would tell strangers what lives inside.
     *
     * @param domain a normalised domain name (lower case, no trailing dot)
     * @return the one-line reason for users, or empty when the name may be checked
     */
    public Optional<String> refuseName(String domain) {
        requireNonNull(domain, "domain is null");
        String name = domain.toLowerCase(Locale.ROOT);
        return refusedSuffixes.stream()
                .filter(suffix -> name.equals(suffix) || name.endsWith("." + suffix))
                .findFirst()
                .map(suffix -> REFUSED + ": names under ." + suffix + " are internal, and this bot only checks"
                        + " public domains");
    }

    /** The outcome of a check. */
    public sealed interface Verdict permits Allowed, Refused {}

    /** The bot may connect. */
    public record Allowed() implements Verdict {}

    /**
     * The bot must not connect.
     *
     * @param reason one line for users: {@value #REFUSED}, never the address, so that reports cannot be used to map
     *     what internal names resolve to
     * @param detail one line for the log, e.g. {@code "127.0.0.1 is a loopback address"}
     */
    public record Refused(String reason, String detail) implements Verdict {
        public Refused {
            requireNonNull(reason, "reason is null");
            requireNonNull(detail, "detail is null");
        }

        Refused(String detail) {
            this(REFUSED, detail);
        }
    }

    /** The operator's allow-list, as given. */
    public List<Cidr> allowList() {
        return allowList;
    }

    /** Whether the bot may connect to {@code address}. */
    public Verdict check(InetAddress address) {
        requireNonNull(address, "address is null");
        byte[] octets = address.getAddress();
        Optional<String> refusal = octets.length == 4 ? refuseIpv4(address) : refuseIpv6(address, octets);
        refusal.ifPresent(detail -> LOG.info("address guard: {}", detail));
        return refusal.<Verdict>map(Refused::new).orElse(ALLOWED);
    }

    /** The addresses the bot may connect to, in the order given. */
    public List<InetAddress> permitted(List<InetAddress> addresses) {
        requireNonNull(addresses, "addresses is null");
        return addresses.stream()
                .filter(address -> check(address) instanceof Allowed)
                .toList();
    }

    /**
     * {@link Allowed} if the bot may connect to at least one of {@code addresses} (use {@link #permitted} to pick
     * them); otherwise the first refusal, saying how many other addresses were refused too.
     */
    public Verdict checkAll(List<InetAddress> addresses) {
        requireNonNull(addresses, "addresses is null");
        if (addresses.isEmpty()) {
            return new Refused("there is no address to connect to", "there is no address to connect to");
        }
        Optional<Refused> first = Optional.empty();
        for (InetAddress address : addresses) {
            switch (check(address)) {
                case Allowed allowed -> {
                    return allowed;
                }
                case Refused refused -> first = first.or(() -> Optional.of(refused));
            }
        }
        Refused refused = first.orElseThrow();
        int others = addresses.size() - 1;
        if (others == 0) {
            return refused;
        }
        String more = others == 1
                ? " (and the other address is refused too)"
                : " (and the other " + others + " addresses are refused too)";
        return new Refused(refused.reason() + more, refused.detail() + more);
    }

    private boolean isAllowListed(InetAddress address) {
        return allowList.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private Optional<String> refuseIpv4(InetAddress address) {
        return describeIpv4(address).map(description -> CidrText.format(address) + " is " + description);
    }

    /** What makes {@code address} unreachable, e.g. "a loopback address"; empty when the bot may connect. */
    private Optional<String> describeIpv4(InetAddress address) {
        if (isAllowListed(address)) {
            return Optional.empty();
        }
        return firstMatch(IPV4_RANGES, address);
    }

    private Optional<String> refuseIpv6(InetAddress address, byte[] octets) {
        if (isAllowListed(address)) {
            return Optional.empty();
        }
        String shown = CidrText.format(octets);
        Optional<String> special = firstMatch(IPV6_UNSPECIFIED_AND_LOOPBACK, address);
        if (special.isPresent()) {
            return special.map(description -> shown + " is " + description);
        }
        for (Embedding embedding : IPV6_EMBEDDINGS) {
            if (embedding.cidr().contains(address)) {
                for (byte[] embedded : embedding.extract().apply(octets)) {
                    InetAddress ipv4 = CidrText.toInetAddress(embedded);
                    Optional<String> inner = describeIpv4(ipv4);
                    if (inner.isPresent()) {
                        return Optional.of(shown + " is " + embedding.description() + " for " + CidrText.format(ipv4)
                                + ", which is " + inner.get());
                    }
                }
                return Optional.empty();
            }
        }
        return firstMatch(IPV6_RANGES, address).map(description -> shown + " is " + description);
    }

    private static Optional<String> firstMatch(List<SpecialRange> ranges, InetAddress address) {
        return ranges.stream()
                .filter(range -> range.cidr().contains(address))
                .map(SpecialRange::description)
                .findFirst();
    }

    /** Teredo (RFC 4380): the server's IPv4 in bits 32-63, the client's public IPv4 inverted in bits 96-127. */
    private static List<byte[]> teredoAddresses(byte[] octets) {
        byte[] client = slice(octets, 12);
        for (int index = 0; index < client.length; index++) {
            client[index] = (byte) ~client[index];
        }
        return List.of(slice(octets, 4), client);
    }

    private static byte[] slice(byte[] octets, int from) {
        return Arrays.copyOfRange(octets, from, from + 4);
    }

    private record SpecialRange(Cidr cidr, String description) {}

    private record Embedding(Cidr cidr, String description, Function<byte[], List<byte[]>> extract) {}

    private static SpecialRange range(String cidr, String description) {
        return new SpecialRange(Cidr.parse(cidr), description);
    }

    private static Embedding embedding(String cidr, String description, Function<byte[], List<byte[]>> extract) {
        return new Embedding(Cidr.parse(cidr), description, extract);
    }

    @Override
    public String toString() {
        return "AddressGuard" + allowList;
    }
}
