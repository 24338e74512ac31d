package dev.mtasts.core;

import dev.mtasts.spi.FixTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Adds fix times up: work adds, waits overlap (the longest wait counts once). */
public final class FixTimes {
    private FixTimes() {}

    public static Optional<FixTime> total(List<FixTime> fixTimes) {
        if (fixTimes.isEmpty()) {
            return Optional.empty();
        }
        Duration work = Duration.ZERO;
        Duration waiting = Duration.ZERO;
        for (FixTime fixTime : fixTimes) {
            work = work.plus(fixTime.work());
            if (fixTime.waiting().compareTo(waiting) > 0) {
                waiting = fixTime.waiting();
            }
        }
        String text = waiting.isZero()
                ? "about " + human(work) + " of work"
                : "about " + human(work) + " of work, then up to " + human(waiting) + " for caches to expire";
        return Optional.of(new FixTime(work, waiting, text));
    }

    /** "5 min", "1 h 30 min", "2 d", "2 weeks". */
    public static String human(Duration duration) {
        long minutes = Math.max(0, (duration.getSeconds() + 59) / 60);
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (hours < 48) {
            return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
        }
        long days = (minutes + 12 * 60) / (24 * 60);
        if (days % 7 == 0 && days >= 14) {
            return days / 7 + " weeks";
        }
        return days + " d";
    }
}
