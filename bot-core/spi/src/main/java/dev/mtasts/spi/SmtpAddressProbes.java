package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.List;

/**
 * The probes of each address of one MX host, as senders meet them: a sender that cannot use one address (no
 * STARTTLS, a certificate it refuses) tries the next. Addresses are in a fixed order, IPv4 before IPv6 and then by
 * their bytes, whatever order DNS answered in, so a verdict never depends on the answer order.
 *
 * @param probed one entry per probed address, in that order
 * @param overLimit addresses not probed because of the per-host address limit
 * @param ipv6Unrouted IPv6 addresses not probed because the bot's machine has no IPv6 route
 */
public record SmtpAddressProbes(
        List<AddressProbe> probed, List<InetAddress> overLimit, List<InetAddress> ipv6Unrouted) {
    public SmtpAddressProbes {
        probed = List.copyOf(requireNonNull(probed, "probed is null"));
        overLimit = List.copyOf(requireNonNull(overLimit, "overLimit is null"));
        ipv6Unrouted = List.copyOf(requireNonNull(ipv6Unrouted, "ipv6Unrouted is null"));
    }

    /**
     * The probe of one address: {@link LookupResult.Found} once a connection was made, otherwise why not (see {@link
     * DomainContext#smtp(String)}).
     */
    public record AddressProbe(InetAddress address, LookupResult<SmtpProbe> result) {
        public AddressProbe {
            requireNonNull(address, "address is null");
            requireNonNull(result, "result is null");
        }
    }
}
