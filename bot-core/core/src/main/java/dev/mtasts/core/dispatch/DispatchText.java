package dev.mtasts.core.dispatch;

/** What chat front ends say about a request's admission, the same words on every platform. Plain text; escape it. */
public final class DispatchText {
    private DispatchText() {}

    /** "Checking example.com… queued: 3 ahead of you". */
    public static String queued(String domain, int ahead) {
        String place =
                ahead <= 0 ? "next in line" : ahead == 1 ? "1 check ahead of you" : ahead + " checks ahead of you";
        return "Checking " + domain + "… queued: " + place;
    }

    /** The private answer to a request that was refused or failed; empty text for a report. */
    public static String refusal(String domain, CheckEvent event) {
        return switch (event) {
            case CheckEvent.Limited limited -> limited.reason();
            case CheckEvent.Busy busy ->
                busy.stopping()
                        ? "mtasts is restarting; try again in a minute."
                        : "mtasts is busy: " + busy.capacity() + " checks are waiting already; try again in a minute.";
            case CheckEvent.Failed failed -> failed(domain, failed.reference());
            case CheckEvent.Queued queued -> queued(domain, queued.ahead());
            case CheckEvent.Started started -> "";
            case CheckEvent.Progress progress -> "";
            case CheckEvent.Finished finished -> "";
        };
    }

    /** A check that failed unexpectedly: the user is told it is not their domain, with the log's reference. */
    public static String failed(String domain, String reference) {
        return "The check of " + domain + " failed unexpectedly; this is a bug in mtasts, not in your domain. Try again"
                + " in a minute. (reference " + reference + ")";
    }
}
