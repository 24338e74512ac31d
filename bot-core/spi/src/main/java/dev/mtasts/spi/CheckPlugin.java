package dev.mtasts.spi;

import java.util.List;
import java.util.Optional;

/**
 * ServiceLoader entry point: one implementation per plugin jar, with a public no-argument constructor, listed in
 * {@code META-INF/services/dev.mtasts.spi.CheckPlugin}. Grows only by new {@code default} methods.
 */
public interface CheckPlugin {
    /** Lower-case kebab-case name, unique across the bot, e.g. {@code mta-sts}. */
    String name();

    /** The checks, in the order reports list them. */
    default List<Check> checks() {
        return List.of();
    }

    /** What an RFC 8461 sender would conclude about the domain right now, if this plugin knows. */
    default Optional<SenderAnalyzer> senderAnalyzer() {
        return Optional.empty();
    }
}
