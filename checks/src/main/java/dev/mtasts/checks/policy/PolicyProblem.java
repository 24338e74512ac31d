package dev.mtasts.checks.policy;

import dev.mtasts.spi.Severity;

/**
 * A deviation from RFC 8461 §3.2 found in a policy file.
 *
 * @param kind what is wrong
 * @param severity {@link Severity#FAIL} when RFC 8461 senders reject the policy, lower otherwise
 * @param rule the checklist rule id, e.g. {@code P9}
 * @param line the 1-based line number, 0 when the problem concerns the whole file
 * @param evidence the line as written, control characters made visible; empty for whole-file problems
 * @param subject what the problem is about: the key or value concerned (e.g. the {@code mx} value), or empty
 * @param message one or two plain-text sentences for users
 * @param summary a short phrase for one-line explanations, e.g. {@code mode missing}
 */
public record PolicyProblem(
        Kind kind,
        Severity severity,
        String rule,
        int line,
        String evidence,
        String subject,
        String message,
        String summary) {
    public PolicyProblem {
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    public boolean fatal() {
        return severity == Severity.FAIL;
    }

    public enum Kind {
        /** P3: an empty body. */
        EMPTY,
        /** P12: a UTF-8 byte order mark before the first key. */
        BOM,
        /** P12: bytes that are not UTF-8. */
        NOT_UTF8,
        /** P12/P1: a control character, or a line break other than LF and CRLF (VT, FF, NEL, U+2028, U+2029). */
        CONTROL_CHARACTER,
        /** P1: a CR not followed by LF. */
        BARE_CR,
        /** P1: LF and CRLF in one file. */
        MIXED_LINE_ENDINGS,
        /** P2: an empty line between fields, before them, or more than one terminator at the end. */
        BLANK_LINE,
        /** P2: whitespace at the start of a line. */
        LEADING_WHITESPACE,
        /** P2: whitespace between a key and its colon. */
        SPACE_BEFORE_COLON,
        /** P2: a line that is not {@code key: value} (comments included). */
        NOT_KEY_VALUE,
        /** P2/P7: an extension field whose name or value breaks the ABNF. */
        EXTENSION_MALFORMED,
        /** P3: no {@code version} field. */
        VERSION_MISSING,
        /** P4: a {@code version} other than {@code STSv1}. */
        VERSION_INVALID,
        /** P5: {@code version} is not the first line (valid; a compatibility hint). */
        VERSION_NOT_FIRST,
        /** P3: no {@code mode} field. */
        MODE_MISSING,
        /** P4: a {@code mode} other than {@code testing}, {@code enforce} or {@code none}. */
        MODE_INVALID,
        /** P3: no {@code max_age} field. */
        MAX_AGE_MISSING,
        /** P8: a {@code max_age} that is not 1 to 10 digits. */
        MAX_AGE_INVALID,
        /** P8: a {@code max_age} above 31557600. */
        MAX_AGE_TOO_LARGE,
        /** P8: {@code max_age: 0}. */
        MAX_AGE_ZERO,
        /** P8: under a week in enforce (warn), under a day in testing (info). */
        MAX_AGE_SHORT,
        /** P3: no {@code mx} field in testing or enforce mode. */
        MX_MISSING,
        /** P9: several hosts in one {@code mx} value. */
        MX_LIST,
        /** P11: an IP address as an {@code mx} value. */
        MX_IP_ADDRESS,
        /** P11: {@code *} anywhere but a leading {@code *.}. */
        MX_WILDCARD_MISPLACED,
        /** P10: a U-label instead of the A-label. */
        MX_U_LABEL,
        /** P11: anything else outside {@code ["*."] Domain}: underscore, empty label, bad character. */
        MX_INVALID,
        /** P11: a trailing dot (not in the ABNF; some matchers normalise it). */
        MX_TRAILING_DOT,
        /** P6: the same {@code mx} value twice. */
        MX_DUPLICATE,
        /** P6: {@code version}, {@code mode} or {@code max_age} more than once; the first wins. */
        DUPLICATE_FIELD,
        /** P7: a well-formed unknown field, which senders ignore. */
        UNKNOWN_FIELD,
        /** P7/P4: an unknown key that looks like a known one ({@code nmx}, {@code max-age}, {@code Mode}). */
        KEY_NEAR_MISS
    }
}
