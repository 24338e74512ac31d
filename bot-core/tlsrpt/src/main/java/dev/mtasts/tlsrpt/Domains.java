package dev.mtasts.tlsrpt;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Domain and host names as reports carry them: lower case, A-labels, no trailing dot. */
final class Domains {
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[a-z0-9_-]+(\\.[a-z0-9_-]+)*");

    private Domains() {}

    /** The name normalised, or empty when it is not a plausible domain or host name (or {@code *.} pattern). */
    static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = raw.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > 253) {
            return Optional.empty();
        }
        try {
            name = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /** Whether {@code host} is covered by the policy MX {@code pattern} (RFC 8461 §4.1: a wildcard is one label). */
    static boolean matches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1);
            return host.endsWith(suffix) && host.indexOf('.') == host.length() - suffix.length();
        }
        return pattern.equals(host);
    }
}
