package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * What is new in a domain's TLS-RPT reports (RFC 8460), for the channels that follow it: a port the launcher binds to
 * the report store (bot-core/tlsrpt), which the engine cannot depend on. The scheduler asks it after each scheduled
 * check and adds what it says to the notification, so every platform renders it like any other change.
 */
public interface TlsReportNews {
    /**
     * What the reports received in the last {@code recent} show that is new: a result type not seen in the week
     * before, or a failure rate above the operator's threshold.
     *
     * @throws RuntimeException when the report store cannot be read; the scheduler logs it and notifies the rest
     */
    List<News> news(String domain, Duration recent);

    /**
     * One piece of news, as plain text with untrusted parts (result types and hosts come from reports).
     *
     * @param headline what is new: "new in the TLS reports: 4 sessions failed with certificate-host-mismatch (mx2…)"
     * @param mxHosts the failing MX hosts
     * @param fixes the most likely fixes, one per result type and MX
     */
    record News(String headline, List<String> mxHosts, List<String> fixes) {
        public News {
            requireNonNull(headline, "headline is null");
            mxHosts = List.copyOf(requireNonNull(mxHosts, "mxHosts is null"));
            fixes = List.copyOf(requireNonNull(fixes, "fixes is null"));
        }

        /** The change a notification lists: an alert, with the likely fix as its detail. */
        Change change() {
            return new Change(
                    Change.Kind.TLS_REPORTS,
                    Change.Level.ALERT,
                    java.util.Optional.of(headline),
                    Change.NONE,
                    Change.NONE,
                    fixes.isEmpty()
                            ? java.util.Optional.empty()
                            : java.util.Optional.of("Likely fix: " + String.join(" ", fixes)));
        }
    }
}
