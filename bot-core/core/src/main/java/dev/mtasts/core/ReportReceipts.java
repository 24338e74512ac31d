package dev.mtasts.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port through which the engine learns what this bot receives as a TLS-RPT report destination, for the {@link
 * dev.mtasts.spi.ReportReceiver} fact of each domain. The launcher binds it (with {@link EngineModule#reports}) when a
 * report store and the bot's own report addresses are configured; by default the bot receives nothing.
 */
public interface ReportReceipts {
    /** The {@code rua} URIs that deliver reports to this bot, e.g. {@code mailto:tlsrpt@bot.example}. */
    List<String> addresses();

    /** When the latest report about {@code domain} arrived; empty when none has. May read a store. */
    Optional<Instant> lastReceived(String domain);

    /** A bot that receives no reports. */
    static ReportReceipts none() {
        return new ReportReceipts() {
            @Override
            public List<String> addresses() {
                return List.of();
            }

            @Override
            public Optional<Instant> lastReceived(String domain) {
                return Optional.empty();
            }
        };
    }
}
