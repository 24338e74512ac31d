package dev.mtasts.checks.policy;

/** Seconds as people say them: {@code 5 min}, {@code 1 h}, {@code 2 days}, {@code 1 week}, {@code 1 year}. */
public final class Durations {
    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    private static final long WEEK = 604_800;

    private Durations() {}

    public static String describe(long seconds) {
        if (seconds < MINUTE) {
            return seconds + " s";
        }
        if (seconds == PolicyParser.MAX_AGE_LIMIT) {
            return "1 year";
        }
        if (seconds < HOUR) {
            long minutes = (seconds + MINUTE - 1) / MINUTE;
            return minutes + " min";
        }
        if (seconds < DAY) {
            long hours = seconds / HOUR;
            long minutes = (seconds % HOUR + MINUTE - 1) / MINUTE;
            if (minutes == 60) {
                hours++;
                minutes = 0;
            }
            return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
        }
        if (seconds % WEEK == 0) {
            return plural(seconds / WEEK, "week");
        }
        long days = seconds / DAY;
        long hours = (seconds % DAY + HOUR - 1) / HOUR;
        if (hours == 24) {
            days++;
            hours = 0;
        }
        return hours == 0 ? plural(days, "day") : plural(days, "day") + " " + hours + " h";
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
