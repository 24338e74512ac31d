package dev.mtasts.core.net;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A range of IPv4 or IPv6 addresses in CIDR notation, such as {@code 10.0.0.0/8} or {@code fd00::/8}.
 *
 * <p>Host bits are cleared, so {@code 10.1.2.3/8} is the same range as {@code 10.0.0.0/8}. An IPv4 range never
 * contains an IPv6 address (not even an IPv4-mapped one) and the reverse; {@link AddressGuard} looks inside embedded
 * addresses itself.
 *
 * @param network the first address of the range (host bits zero, no zone)
 * @param prefixLength the number of leading bits that all addresses in the range share: 0 to 32 for IPv4, 0 to 128
 *     for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {
    private static final Pattern PREFIX_LENGTH = Pattern.compile("[0-9]{1,3}");

    public Cidr {
        requireNonNull(network, "network is null");
        byte[] octets = network.getAddress();
        int bits = octets.length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException(
                    "prefix length " + prefixLength + " is outside 0 to " + bits + " for " + CidrText.format(octets));
        }
        network = CidrText.toInetAddress(mask(octets, prefixLength));
    }

    /**
     * Reads {@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a single address ({@code 127.0.0.1}, {@code ::1}) as a
     * range of one. Never resolves names.
     *
     * @throws IllegalArgumentException with a message such as {@code "'x' is not a CIDR range: ..."}, fit to show after
     *     the option name
     */
    public static Cidr parse(String text) {
        requireNonNull(text, "text is null");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash >= 0 ? trimmed.substring(0, slash) : trimmed;
        if (trimmed.isEmpty()) {
            throw notARange(text, "it is empty; give e.g. 10.0.0.0/8 or fd00::/8");
        }
        Optional<byte[]> octets = CidrText.parseAddress(addressText);
        if (octets.isEmpty()) {
            throw notARange(
                    text,
                    "'" + CidrText.echo(addressText)
                            + "' is not an IPv4 or IPv6 address; give e.g. 10.0.0.0/8 or fd00::/8");
        }
        int bits = octets.get().length * 8;
        String family = bits == 32 ? "IPv4" : "IPv6";
        if (slash < 0) {
            return new Cidr(CidrText.toInetAddress(octets.get()), bits);
        }
        String prefixText = trimmed.substring(slash + 1);
        if (!PREFIX_LENGTH.matcher(prefixText).matches()) {
            throw notARange(
                    text, "the prefix length '" + CidrText.echo(prefixText) + "' is not a number from 0 to " + bits);
        }
        int prefixLength = Integer.parseInt(prefixText);
        if (prefixLength > bits) {
            throw notARange(text, "an " + family + " prefix length is 0 to " + bits + ", not " + prefixLength);
        }
        return new Cidr(CidrText.toInetAddress(octets.get()), prefixLength);
    }

    private static IllegalArgumentException notARange(String text, String detail) {
        return new IllegalArgumentException("'" + CidrText.echo(text) + "' is not a CIDR range: " + detail);
    }

    /** Whether {@code address} is in this range; addresses of the other IP version never are. */
    public boolean contains(InetAddress address) {
        requireNonNull(address, "address is null");
        byte[] candidate = address.getAddress();
        byte[] first = network.getAddress();
        if (candidate.length != first.length) {
            return false;
        }
        byte[] masked = mask(candidate, prefixLength);
        for (int index = 0; index < first.length; index++) {
            if (masked[index] != first[index]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] mask(byte[] octets, int prefixLength) {
        byte[] masked = octets.clone();
        for (int index = 0; index < masked.length; index++) {
            int keep = Math.max(0, Math.min(8, prefixLength - 8 * index));
            masked[index] = (byte) (masked[index] & (0xff00 >>> keep));
        }
        return masked;
    }

    /** {@code 10.0.0.0/8}, {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return CidrText.format(network) + "/" + prefixLength;
    }
}
