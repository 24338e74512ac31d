package dev.mtasts.core;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A short random id that ties what a user sees ("… (reference 3f9a2c1b)") to the log line with the details. Chat and
 * JSON never carry exception messages, file paths, database hosts or resolver addresses; the log does, under this id.
 */
public final class ReferenceId {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferenceId() {}

    /** Eight lower-case hex digits, e.g. {@code 3f9a2c1b}. */
    public static String next() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
