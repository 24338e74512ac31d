package dev.mtasts.checks.policy;

import java.util.Locale;

/**
 * MX pattern matching by RFC 8461 §4.1: "Matching is identical to the rules given in [RFC6125], with the
 * restriction that the wildcard character '*' may only be used to match the entire left-most label in the presented
 * identifier. Thus, the mx pattern "*.example.com" matches "mail.example.com" but not "example.com" or
 * "foo.bar.example.com"."
 *
 * <p>Names compare case-insensitively, on A-labels, with one trailing dot ignored on either side. A pattern that is
 * not {@code ["*."] Domain} (a {@code *} elsewhere, a comma list) matches nothing. Unlike some tools this never
 * matches a substring: {@code mail.example.com} does not match {@code xmail.example.com} or {@code
 * mail.example.com.evil.net}.
 */
public final class MxPatterns {
    private MxPatterns() {}

    /** Whether an MX host name matches an {@code mx} pattern. */
    public static boolean matches(String pattern, String host) {
        String normalizedPattern = normalize(pattern);
        String normalizedHost = normalize(host);
        if (normalizedPattern.isEmpty() || normalizedHost.isEmpty() || normalizedHost.contains("*")) {
            return false;
        }
        if (normalizedPattern.startsWith("*.")) {
            String suffix = normalizedPattern.substring(2);
            if (suffix.isEmpty() || suffix.contains("*")) {
                return false;
            }
            int firstDot = normalizedHost.indexOf('.');
            return firstDot > 0 && normalizedHost.substring(firstDot + 1).equals(suffix);
        }
        if (normalizedPattern.contains("*")) {
            return false;
        }
        return normalizedPattern.equals(normalizedHost);
    }

    /**
     * Whether a wildcard pattern would cover the host if wildcards spanned several labels: the trap of {@code
     * *.mx.example} against {@code a.b.mx.example}. Used to explain a non-match.
     */
    public static boolean coversOnlyAcrossLabels(String pattern, String host) {
        String normalizedPattern = normalize(pattern);
        String normalizedHost = normalize(host);
        if (!normalizedPattern.startsWith("*.") || matches(pattern, host)) {
            return false;
        }
        return normalizedHost.endsWith(normalizedPattern.substring(1));
    }

    /** Lower case (ROOT locale), one trailing dot removed. */
    public static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
