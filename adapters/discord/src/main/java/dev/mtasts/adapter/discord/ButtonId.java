package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * A report button's {@code custom_id}: {@code mtasts:<action>:<domain>}. The domain travels in the id so that a click
 * needs no stored state and works after a restart. A domain too long for Discord's 100-character limit is left out;
 * the click handler then reads it from the report the button sits on.
 */
public record ButtonId(Action action, Optional<String> domain) {
    static final String PREFIX = "mtasts:";
    /** Discord's limit on a component's {@code custom_id}. */
    static final int MAX_LENGTH = 100;

    public ButtonId {
        requireNonNull(action, "action is null");
        requireNonNull(domain, "domain is null");
    }

    public enum Action {
        RECHECK("recheck", "Re-check"),
        SUBSCRIBE("subscribe", "Subscribe"),
        POLICY("policy", "Show policy");

        private final String key;
        private final String label;

        Action(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }
    }

    public static ButtonId of(Action action, String domain) {
        String full = PREFIX + action.key() + ":" + domain;
        return new ButtonId(action, full.length() <= MAX_LENGTH ? Optional.of(domain) : Optional.empty());
    }

    public String customId() {
        return PREFIX + action.key() + domain.map(name -> ":" + name).orElse("");
    }

    /** Parses a {@code custom_id} this bot made; anything else is empty. */
    public static Optional<ButtonId> parse(String customId) {
        if (customId == null || !customId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = customId.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String key = colon < 0 ? rest : rest.substring(0, colon);
        Optional<String> domain = colon < 0 || colon == rest.length() - 1
                ? Optional.empty()
                : Optional.of(rest.substring(colon + 1).toLowerCase(Locale.ROOT));
        for (Action action : Action.values()) {
            if (action.key().equals(key)) {
                return Optional.of(new ButtonId(action, domain));
            }
        }
        return Optional.empty();
    }
}
