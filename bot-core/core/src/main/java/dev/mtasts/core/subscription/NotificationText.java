package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Adapter-neutral wording of notifications, so Slack and Discord say the same thing. Everything returned is plain
 * text that may contain untrusted substrings (record ids, host names, finding messages); adapters escape it.
 */
public final class NotificationText {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private NotificationText() {}

    /** "example.com: policy changed without an id bump (+2 more changes)". */
    public static String headline(Notification notification) {
        requireNonNull(notification, "notification is null");
        List<Change> changes = notification.changes();
        String text = notification.domain() + ": "
                + summary(changes.getFirst(), notification.report().checkedAt());
        int more = changes.size() - 1;
        if (more == 1) {
            return text + " (+1 more change)";
        }
        if (more > 1) {
            return text + " (+" + more + " more changes)";
        }
        return text;
    }

    /** One line per change, in order: what it was before and what it is now. */
    public static List<String> lines(Notification notification) {
        requireNonNull(notification, "notification is null");
        Instant checkedAt = notification.report().checkedAt();
        return notification.changes().stream()
                .map(change -> describe(change, checkedAt))
                .toList();
    }

    /** A few words for a headline. */
    public static String summary(Change change, Instant checkedAt) {
        String subject = change.subject().orElse("");
        return switch (change.kind()) {
            case POLICY_CHANGED_WITHOUT_ID_BUMP -> "policy changed without an id bump";
            case STATUS -> "status " + change.before() + " → " + change.after();
            case CERTIFICATE_EXPIRING -> "certificate of " + subject + " " + expiry(change.after(), checkedAt);
            case CERTIFICATE_EXPIRY_REMINDER ->
                "reminder: certificate of " + subject + " " + expiry(change.after(), checkedAt);
            case MX_UNCOVERED ->
                change.after().equals(Change.NONE)
                        ? "every MX host is covered by the policy again"
                        : "MX not covered by the policy: " + change.after();
            case NEW_PROBLEM -> "new problem " + subject;
            case TLS_REPORTS -> "new in the TLS reports";
            case PROBLEM_REMINDER -> "reminder: " + subject + " is not fixed yet";
            case POLICY_CHANGED -> "policy changed (id " + change.before() + " → " + change.after() + ")";
            case RECORD_ID -> "DNS id " + change.before() + " → " + change.after();
            case MODE -> "mode " + change.before() + " → " + change.after();
            case MAX_AGE -> "max_age " + change.before() + " → " + change.after();
            case POLICY_MX -> "policy mx lines changed";
            case MX_HOSTS -> "MX hosts changed";
            case TLS_RPT -> "TLS-RPT " + change.before() + " → " + change.after();
            case CERTIFICATE_RENEWED -> "certificate of " + subject + " renewed";
            case CERTIFICATE_REPLACED -> "certificate of " + subject + " replaced";
            case PROBLEM_FIXED -> "fixed " + subject;
        };
    }

    /** A full line: "Mode: testing → enforce". */
    public static String describe(Change change, Instant checkedAt) {
        requireNonNull(change, "change is null");
        requireNonNull(checkedAt, "checkedAt is null");
        String subject = change.subject().orElse("");
        String detail = change.detail().map(text -> " " + text).orElse("");
        return switch (change.kind()) {
            case POLICY_CHANGED_WITHOUT_ID_BUMP ->
                "Policy file changed, but the DNS id is still " + change.after() + "." + detail;
            case STATUS -> "Status: " + change.before() + " → " + change.after();
            case CERTIFICATE_EXPIRING ->
                "Certificate of " + subject + " " + expiry(change.after(), checkedAt) + " (" + date(change.after())
                        + "). Renew it before then, or senders cannot fetch the policy"
                        + " (or deliver, for an MX).";
            case CERTIFICATE_EXPIRY_REMINDER ->
                "Reminder: the certificate of " + subject + " " + expiry(change.after(), checkedAt) + " ("
                        + date(change.after()) + ") and has not been renewed yet.";
            case MX_UNCOVERED -> "MX hosts no mx line covers: " + change.before() + " → " + change.after() + detail;
            case NEW_PROBLEM ->
                "New problem (" + change.after() + "): " + change.detail().orElse(subject) + " [" + subject + "]";
            case TLS_REPORTS -> upperFirst(subject) + "." + detail;
            case PROBLEM_REMINDER ->
                "Reminder, not fixed yet (" + change.after() + "): "
                        + change.detail().orElse(subject) + " [" + subject + "]";
            case POLICY_CHANGED ->
                "Policy file changed, with the DNS id bumped: " + change.before() + " → " + change.after();
            case RECORD_ID -> "DNS id: " + change.before() + " → " + change.after();
            case MODE -> "Mode: " + change.before() + " → " + change.after();
            case MAX_AGE -> "max_age: " + change.before() + " → " + change.after() + " seconds";
            case POLICY_MX -> "Policy mx: " + change.before() + " → " + change.after();
            case MX_HOSTS -> "MX hosts: " + change.before() + " → " + change.after();
            case TLS_RPT -> "TLS-RPT: " + change.before() + " → " + change.after();
            case CERTIFICATE_RENEWED ->
                "Certificate of " + subject + " renewed: valid until " + date(change.before()) + " → "
                        + date(change.after());
            case CERTIFICATE_REPLACED ->
                "Certificate of " + subject + " replaced: valid until " + date(change.before()) + " → "
                        + date(change.after());
            case PROBLEM_FIXED -> "Fixed: " + change.detail().orElse(subject) + " [" + subject + "]";
        };
    }

    /** "expires in 9 days", "expires in 5 hours", "expired 2 days ago". */
    static String expiry(String notAfter, Instant checkedAt) {
        Instant end;
        try {
            end = Instant.parse(notAfter);
        } catch (DateTimeParseException e) {
            return "expires soon";
        }
        Duration left = Duration.between(checkedAt, end);
        if (left.isNegative() || left.isZero()) {
            long days = left.negated().toDays();
            return days == 0 ? "has expired" : "expired " + plural(days, "day") + " ago";
        }
        long days = left.toDays();
        if (days == 0) {
            return "expires in " + plural(Math.max(1, left.toHours()), "hour");
        }
        return "expires in " + plural(days, "day");
    }

    private static String date(String instant) {
        try {
            return DATE.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String upperFirst(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
