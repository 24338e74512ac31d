package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One thing that changed about a domain between two checks, as plain text that may contain untrusted substrings
 * (record ids, host names, finding messages); adapters escape it.
 *
 * @param subject what the change is about when the kind needs one: a host for certificates, a finding code
 * @param before the earlier value, {@code none} when there was none
 * @param after the new value, {@code none} when there is none
 * @param detail a sentence to go with it: a finding's message, what the change means for senders
 */
public record Change(
        Kind kind, Level level, Optional<String> subject, String before, String after, Optional<String> detail) {
    public static final String NONE = "none";

    public Change {
        requireNonNull(kind, "kind is null");
        requireNonNull(level, "level is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        requireNonNull(detail, "detail is null");
    }

    public static Change of(Kind kind, Level level, String before, String after) {
        return new Change(kind, level, Optional.empty(), before, after, Optional.empty());
    }

    /** What changed, in the order notifications list them within a level. */
    public enum Kind {
        /** The policy file changed while the DNS id stayed the same: senders with a cached policy never refetch. */
        POLICY_CHANGED_WITHOUT_ID_BUMP,
        /** The overall status (pass, info, warn, fail). */
        STATUS,
        /** A certificate expires within 14 days (announced once, then daily). */
        CERTIFICATE_EXPIRING,
        CERTIFICATE_EXPIRY_REMINDER,
        /** MX hosts that none of the policy's mx patterns cover. */
        MX_UNCOVERED,
        /** A warn or fail finding code that was not there before. */
        NEW_PROBLEM,
        /** Something new in the TLS-RPT reports senders mailed back: a failure type, or a failure rate. */
        TLS_REPORTS,
        /** A certificate expiry finding still there a day later (MX certificates, known only by their findings). */
        PROBLEM_REMINDER,
        /** The policy file changed and the DNS id was bumped with it. */
        POLICY_CHANGED,
        RECORD_ID,
        MODE,
        MAX_AGE,
        POLICY_MX,
        MX_HOSTS,
        TLS_RPT,
        CERTIFICATE_RENEWED,
        CERTIFICATE_REPLACED,
        /** A warn or fail finding code that cleared. */
        PROBLEM_FIXED
    }

    /** How loudly a front end should present the change. */
    public enum Level {
        /** Worse than before, or a trap (a policy edit without an id bump). */
        ALERT,
        /** Neither better nor worse in itself. */
        NOTICE,
        /** Better than before: something fixed or renewed. */
        GOOD
    }
}
