package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTPS response as fetched: never redirected, body capped, certificate details kept.
 *
 * @param address the address connected to (the one the address guard checked)
 * @param headers header names in lower case
 * @param body the body bytes read, at most the cap
 * @param truncated true when the body was longer than the cap and reading stopped
 * @param elapsed time from connecting until the body was read
 */
public record HttpsResponse(
        URI uri,
        InetAddress address,
        int status,
        Map<String, List<String>> headers,
        byte[] body,
        boolean truncated,
        Duration elapsed,
        TlsDetails tls) {
    public HttpsResponse {
        requireNonNull(uri, "uri is null");
        requireNonNull(address, "address is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        body = requireNonNull(body, "body is null").clone();
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(tls, "tls is null");
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values.getFirst());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpsResponse that
                && status == that.status
                && truncated == that.truncated
                && uri.equals(that.uri)
                && address.equals(that.address)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body)
                && elapsed.equals(that.elapsed)
                && tls.equals(that.tls);
    }

    @Override
    public int hashCode() {
        return 31 * uri.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "HttpsResponse[" + uri + " " + status + ", " + body.length + " bytes]";
    }
}
