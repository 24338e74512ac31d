package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A human estimate of how long a fix takes: hands-on work plus waiting (DNS TTLs, cached policies).
 *
 * <p>{@code text} is what users read ("5 min change + TTL wait (up to 1 h)"); {@code work} and {@code waiting} let
 * a report add estimates up. Work adds up; waits overlap, so a total takes the longest wait.
 */
public record FixTime(Duration work, Duration waiting, String text) {
    public FixTime {
        requireNonNull(work, "work is null");
        requireNonNull(waiting, "waiting is null");
        requireNonNull(text, "text is null");
        if (work.isNegative() || waiting.isNegative()) {
            throw new IllegalArgumentException("fix time must not be negative: " + text);
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("fix time text is blank");
        }
    }

    /** Hands-on work only, described by {@code text}. */
    public static FixTime of(Duration work, String text) {
        return new FixTime(work, Duration.ZERO, text);
    }

    /** Hands-on work followed by a wait (a TTL, a cache expiry). */
    public static FixTime of(Duration work, Duration waiting, String text) {
        return new FixTime(work, waiting, text);
    }
}
