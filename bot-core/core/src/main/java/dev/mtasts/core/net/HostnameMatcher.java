package dev.mtasts.core.net;

import java.util.List;
import java.util.Locale;

/**
 * RFC 6125 DNS-ID matching as RFC 8461 §3.3 requires: SAN dNSNames only, case-insensitive, a wildcard only as the
 * complete left-most label, matching exactly one label.
 */
public final class HostnameMatcher {
    private HostnameMatcher() {}

    public static boolean matchesAny(String host, List<String> dnsNames) {
        for (String name : dnsNames) {
            if (matches(host, name)) {
                return true;
            }
        }
        return false;
    }

    public static boolean matches(String host, String dnsName) {
        String target = normalise(host);
        String pattern = normalise(dnsName);
        if (target.isEmpty() || pattern.isEmpty()) {
            return false;
        }
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(2);
            if (suffix.indexOf('*') >= 0 || suffix.indexOf('.') < 0) {
                return false; // one wildcard only, and never over a single-label suffix such as *.com
            }
            int firstDot = target.indexOf('.');
            return firstDot > 0 && target.substring(firstDot + 1).equals(suffix);
        }
        return pattern.indexOf('*') < 0 && pattern.equals(target);
    }

    private static String normalise(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
