package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

/** Names a derived value (e.g. the parsed policy) that checks of one command share through the context. */
public record MemoKey<T>(String name, Class<T> type) {
    public MemoKey {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
