package dev.mtasts.checks.policy;

/**
 * The line terminators a policy uses. RFC 8461 §3.2: {@code sts-policy-term = LF / CRLF}, chosen per line, so all
 * of these are valid by the ABNF; a bare CR is not a terminator (reported as a problem, not a style).
 */
public enum LineEnding {
    /** Every line ends in LF. */
    LF,
    /** Every line ends in CRLF, as the RFC prose describes. */
    CRLF,
    /** Both LF and CRLF: valid by the ABNF, but some parsers reject it (checkdmarc). */
    MIXED,
    /** A single line with no terminator. */
    NONE
}
