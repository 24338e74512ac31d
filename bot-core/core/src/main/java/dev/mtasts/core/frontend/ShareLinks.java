package dev.mtasts.core.frontend;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.input.DomainInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Links to a domain's permalink ({@code /report/{domain}}) on the web front end, for the "Share" link in chat reports.
 * Built from the configured {@code http.public-url} and the normalised A-label domain only (URL-encoded), never from
 * what a user typed; without a public URL there are no links.
 *
 * @param base the public URL without a trailing slash (empty: no links)
 */
public record ShareLinks(Optional<String> base) {
    public ShareLinks {
        requireNonNull(base, "base is null");
    }

    /** No public URL: chat reports carry no share link. */
    public static ShareLinks none() {
        return new ShareLinks(Optional.empty());
    }

    /**
     * Links under {@code publicUrl}, an absolute {@code http} or {@code https} URL with a host and no query, fragment
     * or user info (a path prefix is kept, e.g. {@code https://example.org/mtasts}).
     *
     * @throws IllegalArgumentException naming the key when the URL is not one
     */
    public static ShareLinks of(String publicUrl) {
        requireNonNull(publicUrl, "publicUrl is null");
        String value = publicUrl.strip();
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("http.public-url is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("http.public-url must start with https:// or http://, not " + value);
        }
        if (uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "http.public-url must be a plain URL with a host and no query, fragment or user: " + value);
        }
        // Only characters that are safe inside Slack's <url|text> and Discord's [text](url) links.
        if (!value.matches("[A-Za-z0-9:/._~%!$'*+,;=@\\[\\]-]+")) {
            throw new IllegalArgumentException("http.public-url has characters a link cannot carry: " + value);
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return new ShareLinks(Optional.of(value));
    }

    /**
     * The permalink of {@code domain}: it is normalised again (so a stray user string cannot shape the link) and
     * URL-encoded. Empty without a public URL, or when {@code domain} is not a domain.
     */
    public Optional<String> report(String domain) {
        requireNonNull(domain, "domain is null");
        if (base.isEmpty()) {
            return Optional.empty();
        }
        return switch (DomainInput.parse(domain)) {
            case DomainInput.Valid valid ->
                Optional.of(base.get() + "/report/" + URLEncoder.encode(valid.domain(), StandardCharsets.UTF_8));
            case DomainInput.Invalid invalid -> Optional.empty();
        };
    }
}
