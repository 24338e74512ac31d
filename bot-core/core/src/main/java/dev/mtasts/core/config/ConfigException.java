package dev.mtasts.core.config;

/** A configuration problem, reported to the operator as one line at start-up (line breaks are folded). */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message.replaceAll("\\s*\\R\\s*", " ").strip(), null, false, false);
    }
}
