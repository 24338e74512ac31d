package dev.mtasts.core.chat;

import dev.mtasts.core.input.DomainInput;
import java.util.Locale;

/**
 * What a chat user asked for with {@code /mtasts …}, parsed the same way for Slack and Discord. Bad input is a value
 * ({@link Invalid}) carrying a one-line reason for an ephemeral reply, never an exception.
 */
public sealed interface ChatCommand {
    String USAGE = "Usage: /mtasts <domain> · /mtasts check <domain> · /mtasts history <domain>"
            + " · /mtasts reports <domain> · /mtasts subscribe <domain> · /mtasts unsubscribe <domain> · /mtasts list · /mtasts help";

    record Check(DomainInput.Valid domain) implements ChatCommand {}

    /** The domain's timeline: what changed when, from the history every front end shares. */
    record History(DomainInput.Valid domain) implements ChatCommand {}

    /** The domain's TLS-RPT reports: sessions, failures, and whether it is safe to enforce. */
    record Reports(DomainInput.Valid domain) implements ChatCommand {}

    record Subscribe(DomainInput.Valid domain) implements ChatCommand {}

    record Unsubscribe(DomainInput.Valid domain) implements ChatCommand {}

    record ListSubscriptions() implements ChatCommand {}

    record Help() implements ChatCommand {}

    record Invalid(String reason) implements ChatCommand {}

    /**
     * Parses the text after {@code /mtasts}: {@code example.com} is {@code check example.com}; an empty text is
     * help.
     */
    static ChatCommand parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return new Help();
        }
        String[] words = trimmed.split("\\s+", 2);
        String verb = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        return switch (verb) {
            case "help", "-h", "--help", "?" -> new Help();
            case "list", "subscriptions" ->
                rest.isEmpty() ? new ListSubscriptions() : new Invalid("'list' takes no domain. " + USAGE);
            case "check" -> withDomain(verb, rest, Check::new);
            case "history" -> withDomain(verb, rest, History::new);
            case "reports" -> withDomain(verb, rest, Reports::new);
            case "subscribe" -> withDomain(verb, rest, Subscribe::new);
            case "unsubscribe" -> withDomain(verb, rest, Unsubscribe::new);
            default -> domain(trimmed, Check::new);
        };
    }

    private static ChatCommand withDomain(
            String verb, String rest, java.util.function.Function<DomainInput.Valid, ChatCommand> build) {
        if (rest.isEmpty()) {
            return new Invalid("'" + verb + "' needs a domain, e.g. /mtasts " + verb + " example.com");
        }
        return domain(rest, build);
    }

    private static ChatCommand domain(String text, java.util.function.Function<DomainInput.Valid, ChatCommand> build) {
        return switch (DomainInput.parse(text)) {
            case DomainInput.Valid valid -> build.apply(valid);
            case DomainInput.Invalid invalid -> new Invalid(invalid.reason());
        };
    }
}
