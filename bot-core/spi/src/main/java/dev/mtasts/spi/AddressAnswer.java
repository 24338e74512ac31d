package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.List;

/** The A and AAAA addresses of a host, queried together. */
public record AddressAnswer(String host, List<InetAddress> addresses, long ttlSeconds) {
    public AddressAnswer {
        requireNonNull(host, "host is null");
        addresses = List.copyOf(requireNonNull(addresses, "addresses is null"));
    }
}
