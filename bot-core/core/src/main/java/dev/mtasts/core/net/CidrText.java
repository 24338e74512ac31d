package dev.mtasts.core.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes IP address literals without ever asking DNS (unlike {@link InetAddress#getByName}, which resolves
 * anything that does not look like a literal).
 */
final class CidrText {
    private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final int MAX_ECHO_LENGTH = 80;

    private CidrText() {}

    /**
     * Parses a strict IPv4 dotted quad ({@code 192.0.2.1}, no leading zeros) or an IPv6 address in any RFC 4291 text
     * form ({@code 2001:db8::1}, {@code ::ffff:192.0.2.1}), without zone.
     *
     * @return the 4 or 16 address octets, or empty if {@code text} is not such a literal
     */
    static Optional<byte[]> parseAddress(String text) {
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return parseIpv4(text);
    }

    private static Optional<byte[]> parseIpv4(String text) {
        Matcher matcher = IPV4.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        byte[] octets = new byte[4];
        for (int index = 0; index < 4; index++) {
            String part = matcher.group(index + 1);
            int value = Integer.parseInt(part);
            // "010" reads as 8 to some parsers and as 10 to others; refuse rather than guess.
            if (value > 255 || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty();
            }
            octets[index] = (byte) value;
        }
        return Optional.of(octets);
    }

    private static Optional<byte[]> parseIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return Optional.empty();
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        boolean ipv4InHead = doubleColon < 0;
        Optional<int[]> headGroups = parseGroups(head, ipv4InHead);
        Optional<int[]> tailGroups = parseGroups(tail, !ipv4InHead);
        if (headGroups.isEmpty() || tailGroups.isEmpty()) {
            return Optional.empty();
        }
        int count = headGroups.get().length + tailGroups.get().length;
        if (doubleColon >= 0 ? count > 7 : count != 8) {
            return Optional.empty();
        }
        int[] groups = new int[8];
        System.arraycopy(headGroups.get(), 0, groups, 0, headGroups.get().length);
        System.arraycopy(tailGroups.get(), 0, groups, 8 - tailGroups.get().length, tailGroups.get().length);
        byte[] octets = new byte[16];
        for (int index = 0; index < 8; index++) {
            octets[2 * index] = (byte) (groups[index] >>> 8);
            octets[2 * index + 1] = (byte) groups[index];
        }
        return Optional.of(octets);
    }

    /** Parses colon-separated hex groups; the last one may be a dotted quad (two groups) if {@code ipv4Allowed}. */
    private static Optional<int[]> parseGroups(String text, boolean ipv4Allowed) {
        if (text.isEmpty()) {
            return Optional.of(new int[0]);
        }
        String[] parts = text.split(":", -1);
        int last = parts.length - 1;
        boolean ipv4Tail = ipv4Allowed && parts[last].indexOf('.') >= 0;
        int[] groups = new int[ipv4Tail ? parts.length + 1 : parts.length];
        for (int index = 0; index < parts.length; index++) {
            if (index == last && ipv4Tail) {
                Optional<byte[]> ipv4 = parseIpv4(parts[index]);
                if (ipv4.isEmpty()) {
                    return Optional.empty();
                }
                groups[index] = ((ipv4.get()[0] & 0xff) << 8) | (ipv4.get()[1] & 0xff);
                groups[index + 1] = ((ipv4.get()[2] & 0xff) << 8) | (ipv4.get()[3] & 0xff);
            } else if (HEX_GROUP.matcher(parts[index]).matches()) {
                groups[index] = Integer.parseInt(parts[index], 16);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(groups);
    }

    /** Makes an address from 4 or 16 octets; never resolves, and keeps IPv4-mapped IPv6 addresses as IPv6. */
    static InetAddress toInetAddress(byte[] octets) {
        try {
            if (octets.length == 16) {
                return Inet6Address.getByAddress(null, octets, -1);
            }
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException exception) {
            throw new IllegalArgumentException("an address has 4 or 16 octets, not " + octets.length, exception);
        }
    }

    /**
     * Formats an address for people: dotted quad for IPv4; RFC 5952 for IPv6 (lower case, longest run of zero groups
     * as {@code ::}), with a dotted quad tail where the address embeds IPv4 by definition ({@code ::ffff:192.0.2.1},
     * {@code 64:ff9b::192.0.2.1}). The zone, if any, is left out.
     */
    static String format(InetAddress address) {
        return format(address.getAddress());
    }

    static String format(byte[] octets) {
        if (octets.length == 4) {
            return (octets[0] & 0xff) + "." + (octets[1] & 0xff) + "." + (octets[2] & 0xff) + "." + (octets[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int index = 0; index < 8; index++) {
            groups[index] = ((octets[2 * index] & 0xff) << 8) | (octets[2 * index + 1] & 0xff);
        }
        boolean ipv4Tail = hasIpv4Tail(groups);
        int hexGroups = ipv4Tail ? 6 : 8;
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < hexGroups; start++) {
            int length = 0;
            while (start + length < hexGroups && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder builder = new StringBuilder();
        for (int index = 0; index < hexGroups; index++) {
            if (index == bestStart) {
                builder.append("::");
                index += bestLength - 1;
                continue;
            }
            if (!builder.isEmpty() && builder.charAt(builder.length() - 1) != ':') {
                builder.append(':');
            }
            builder.append(Integer.toHexString(groups[index]));
        }
        if (ipv4Tail) {
            if (!builder.isEmpty() && builder.charAt(builder.length() - 1) != ':') {
                builder.append(':');
            }
            builder.append(format(Arrays.copyOfRange(octets, 12, 16)));
        }
        return builder.toString();
    }

    /**
     * IPv4-mapped, IPv4-translated and NAT64 well-known-prefix addresses read better with a dotted quad tail, except
     * the first address of each prefix ({@code ::ffff:0:0}, {@code 64:ff9b::}), which names the prefix itself.
     */
    private static boolean hasIpv4Tail(int[] groups) {
        boolean zeroPrefix = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0;
        boolean mapped = zeroPrefix && groups[4] == 0 && groups[5] == 0xffff;
        boolean translated = zeroPrefix && groups[4] == 0xffff && groups[5] == 0;
        boolean nat64 = groups[0] == 0x64
                && groups[1] == 0xff9b
                && groups[2] == 0
                && groups[3] == 0
                && groups[4] == 0
                && groups[5] == 0;
        boolean ipv4Zero = groups[6] == 0 && groups[7] == 0;
        return (mapped || translated || nat64) && !ipv4Zero;
    }

    /** Cuts untrusted text down for an error message: no control characters, at most 80 characters. */
    static String echo(String text) {
        StringBuilder builder = new StringBuilder();
        text.codePoints()
                .filter(codePoint -> !Character.isISOControl(codePoint)
                        && Character.getType(codePoint) != Character.FORMAT
                        && Character.getType(codePoint) != Character.LINE_SEPARATOR
                        && Character.getType(codePoint) != Character.PARAGRAPH_SEPARATOR)
                .limit(MAX_ECHO_LENGTH + 1L)
                .forEach(builder::appendCodePoint);
        if (builder.codePointCount(0, builder.length()) > MAX_ECHO_LENGTH) {
            builder.setLength(builder.offsetByCodePoints(0, MAX_ECHO_LENGTH));
            builder.append('…');
        }
        return builder.toString();
    }
}
