package dev.mtasts.checks;

import static dev.mtasts.spi.Severity.FAIL;
import static dev.mtasts.spi.Severity.INFO;
import static dev.mtasts.spi.Severity.PASS;
import static dev.mtasts.spi.Severity.WARN;
import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.Severity;
import java.util.List;
import java.util.Optional;

/**
 * The finding codes of the {@code id-sync} check, which compares what is published now with what earlier checks saw
 * (RFC 8461 §3.1, §8.1, §8.3; checklist rules C1, C2, C4, T14). Findings of the check are only built through this
 * enum, so a code cannot be reported at a severity its entry does not list.
 */
public enum IdSyncCode {
    ID_BASELINE(
            "id-baseline",
            List.of(PASS),
            "C1",
            "First observation of the domain: the id and policy body are recorded for later checks to compare."),
    ID_IN_SYNC("id-in-sync", List.of(PASS), "C1", "The id and the policy body are unchanged since the last check."),
    ID_BUMPED("id-bumped", List.of(PASS), "C1", "A new id was published with (or after) a policy change."),
    ID_NOT_BUMPED(
            "id-not-bumped",
            List.of(FAIL),
            "C1",
            "The policy body changed while the id stayed the same: senders that cached the old policy keep it."),
    POLICY_EDITED_SAME_EFFECT(
            "policy-edited-same-effect",
            List.of(INFO),
            "C1",
            "The policy file was edited without a new id, but mode, max_age and mx patterns are unchanged."),
    ID_BUMPED_SAME_POLICY(
            "id-bumped-same-policy",
            List.of(INFO),
            "C1",
            "A new id was published while the policy body stayed identical and was re-published: harmless."),
    ID_BUMPED_BEFORE_POLICY(
            "id-bumped-before-policy",
            List.of(WARN),
            "C2",
            "A new id was published while the policy file is still the old one, untouched (RFC 8461 §8.1 order)."),
    ID_REUSED(
            "id-reused",
            List.of(WARN),
            "C1",
            "The id was used before for another policy that senders may still cache."),
    ID_LOOKS_STALE(
            "id-looks-stale",
            List.of(WARN),
            "C1",
            "The id looks like a date more than 30 days older than the policy file's Last-Modified."),
    STUCK_IN_TESTING(
            "stuck-in-testing", List.of(WARN), "C8", "The policy has been in mode testing for more than 6 months."),
    REMOVED_WITHOUT_NONE(
            "removed-without-none",
            List.of(WARN),
            "C4, T14",
            "The TXT record or policy endpoint disappeared while the last policy was enforce with a long max_age.");

    private final String code;
    private final List<Severity> severities;
    private final String rules;
    private final String meaning;

    IdSyncCode(String code, List<Severity> severities, String rules, String meaning) {
        this.code = requireNonNull(code, "code is null");
        this.severities = List.copyOf(severities);
        this.rules = requireNonNull(rules, "rules is null");
        this.meaning = requireNonNull(meaning, "meaning is null");
    }

    public String code() {
        return code;
    }

    public List<Severity> severities() {
        return severities;
    }

    /** The checklist rule ids this code implements. */
    public String rules() {
        return rules;
    }

    public String meaning() {
        return meaning;
    }

    Finding pass(String message) {
        return create(PASS, message, "", Optional.empty());
    }

    Finding info(String message, String evidence) {
        return create(INFO, message, evidence, Optional.empty());
    }

    Finding problem(Severity severity, String message, String evidence, String action, FixTime fixTime) {
        return create(severity, message, evidence, Optional.of(new Remediation(action, fixTime)));
    }

    private Finding create(Severity severity, String message, String evidence, Optional<Remediation> remediation) {
        if (!severities.contains(severity)) {
            throw new IllegalStateException(code + " may not be reported as " + severity.label());
        }
        return new Finding(code, severity, message, evidence, remediation);
    }
}
