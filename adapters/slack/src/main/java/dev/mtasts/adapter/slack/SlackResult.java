package dev.mtasts.adapter.slack;

import java.time.Duration;
import java.util.Optional;

/** What one Slack call came to: done, refused with Slack's error code, rate limited, or not delivered. */
public sealed interface SlackResult {
    /** Done; {@code ts} is the message's timestamp when Slack returns one. */
    record Ok(Optional<String> ts) implements SlackResult {}

    /** Slack answered with an error code such as {@code not_in_channel}. */
    record Failed(String error) implements SlackResult {}

    /** HTTP 429: try again after {@code retryAfter}. */
    record RateLimited(Duration retryAfter) implements SlackResult {}

    /** No answer (connection refused, timeout); worth a retry. */
    record Unreachable(String detail) implements SlackResult {}

    static SlackResult ok() {
        return new Ok(Optional.empty());
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** A short description for logs and for the user: {@code ok}, the error code, or what went wrong. */
    default String describe() {
        return switch (this) {
            case Ok ok -> "ok";
            case Failed failed -> failed.error();
            case RateLimited limited ->
                "rate limited (retry after " + limited.retryAfter().toSeconds() + " s)";
            case Unreachable unreachable -> "Slack unreachable: " + unreachable.detail();
        };
    }
}
