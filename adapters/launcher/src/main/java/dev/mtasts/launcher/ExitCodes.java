package dev.mtasts.launcher;

import dev.mtasts.spi.Severity;

/** The CLI's exit status: 0 all pass/info, 1 worst is warn, 2 any fail, 64 bad input or usage (sysexits EX_USAGE). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int WARN = 1;
    public static final int FAIL = 2;
    public static final int USAGE = 64;
    /** A service the command needs is unavailable, e.g. the history store (EX_UNAVAILABLE). */
    public static final int UNAVAILABLE = 69;
    /** An internal error: the checker itself failed (EX_SOFTWARE). */
    public static final int SOFTWARE = 70;

    private ExitCodes() {}

    public static int of(Severity severity) {
        return switch (severity) {
            case PASS, INFO -> OK;
            case WARN -> WARN;
            case FAIL -> FAIL;
        };
    }
}
