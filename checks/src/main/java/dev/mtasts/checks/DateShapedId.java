package dev.mtasts.checks;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Reads the date many operators put at the start of a policy id ({@code 20240101}, {@code 20240101T120000},
 * {@code 2024010103}). Only a hint: ids have no ordering (RFC 8461 §3.1), so they are never compared by size.
 */
final class DateShapedId {
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2199;

    private DateShapedId() {}

    /** The date of an id that starts {@code YYYYMMDD} with a real calendar date; empty for any other id. */
    static Optional<LocalDate> date(String id) {
        if (id.length() < 8) {
            return Optional.empty();
        }
        for (int index = 0; index < 8; index++) {
            char c = id.charAt(index);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        int year = Integer.parseInt(id.substring(0, 4));
        int month = Integer.parseInt(id.substring(4, 6));
        int day = Integer.parseInt(id.substring(6, 8));
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
