package dev.mtasts.checks.record;

import java.util.Locale;

/**
 * One URI of a TLS-RPT {@code rua} field.
 *
 * @param uri the URI as written
 * @param usable whether a reporter can deliver to it: a well-formed {@code mailto:} or {@code https:} URI with no
 *     unencoded {@code !}
 */
public record ReportUri(String uri, boolean usable) {

    /** The scheme in lower case, empty when the URI has none. */
    public String scheme() {
        int colon = uri.indexOf(':');
        return colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }
}
