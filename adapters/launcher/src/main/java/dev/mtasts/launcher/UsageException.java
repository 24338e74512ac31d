package dev.mtasts.launcher;

import org.jspecify.annotations.Nullable;

/** Bad input or usage found after parsing: reported as one line on stderr with exit status 64. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(@Nullable String message) {
        super(message, null, false, false);
    }
}
