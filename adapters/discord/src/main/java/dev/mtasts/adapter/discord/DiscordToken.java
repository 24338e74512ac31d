package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

/** The bot token from {@code DISCORD_TOKEN}. Never logged: {@link #toString()} masks it. */
public record DiscordToken(String value) {
    public DiscordToken {
        requireNonNull(value, "value is null");
        value = value.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("DISCORD_TOKEN is empty");
        }
    }

    @Override
    public String toString() {
        return "DiscordToken[****]";
    }
}
