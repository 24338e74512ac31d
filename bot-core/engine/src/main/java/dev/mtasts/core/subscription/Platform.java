package dev.mtasts.core.subscription;

import java.util.Locale;
import java.util.Optional;

/** The chat platforms a channel can subscribe from. */
public enum Platform {
    SLACK,
    DISCORD;

    /** The lower-case name used in storage, logs and the CLI: {@code slack}, {@code discord}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the platform calls the unit above a channel: a Slack workspace, a Discord server. */
    public String workspaceNoun() {
        return switch (this) {
            case SLACK -> "workspace";
            case DISCORD -> "server";
        };
    }

    public static Optional<Platform> fromLabel(String label) {
        for (Platform platform : values()) {
            if (platform.label().equals(label)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }
}
