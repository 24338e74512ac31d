package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * This bot as a TLS-RPT report destination (RFC 8460): the {@code rua} URIs that deliver reports to it, as its
 * operator configured them, and when the latest report about the checked domain arrived here. A fact about the bot,
 * so that checks can say when a domain's reports come to it without reading any store themselves.
 *
 * @param addresses the bot's own report URIs, e.g. {@code mailto:tlsrpt@bot.example} or {@code
 *     https://bot.example/tlsrpt} (reports may also be POSTed to {@code /tlsrpt/<domain>} below such a URL)
 * @param lastReceived when the latest report about the checked domain arrived; empty when none has
 */
public record ReportReceiver(List<String> addresses, Optional<Instant> lastReceived) {
    public ReportReceiver {
        addresses = List.copyOf(requireNonNull(addresses, "addresses is null"));
        requireNonNull(lastReceived, "lastReceived is null");
    }
}
