package dev.mtasts.core.chat;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a domain's TLS-RPT reports say over a window of days: the chat-neutral model the CLI, the JSON and the chat
 * adapters render ({@code /mtasts reports <domain>}), and what the core's {@link TlsReports} port returns.
 *
 * <p><b>Untrusted text:</b> {@link #organizations()} and {@link ResultTypeCount#resultType()} come verbatim from
 * strangers' reports and may hold markup ({@code <script>}, {@code <!channel>}, {@code @everyone}); every renderer must
 * escape them for its medium. {@link #untrustedText()} names the fields.
 *
 * @param domain the policy domain
 * @param from the window's first day (UTC)
 * @param to the window's last day (UTC), inclusive
 * @param reports distinct reports (organisation, report-id) in the window
 * @param organizations the reporting organisations, sorted
 * @param successful successful sessions
 * @param failed failed sessions
 * @param failures failed sessions per result type, most first (then by name)
 * @param byMx sessions per MX host, by name; {@value #ANY_MX} collects the sessions a report did not attribute to one MX
 *     (a report lists all the policy's MX hosts in one entry, and names an MX only for failures)
 * @param lastReceived when the latest report in the window was stored
 * @param readiness whether the domain is safe to enforce
 */
public record TlsRptSummary(
        String domain,
        LocalDate from,
        LocalDate to,
        int reports,
        List<String> organizations,
        long successful,
        long failed,
        List<ResultTypeCount> failures,
        List<MxCount> byMx,
        Optional<Instant> lastReceived,
        Readiness readiness) {
    /** The MX of sessions that a report did not attribute to a single MX host. */
    public static final String ANY_MX = "*";

    public TlsRptSummary {
        requireNonNull(domain, "domain is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        organizations = List.copyOf(requireNonNull(organizations, "organizations is null"));
        failures = List.copyOf(requireNonNull(failures, "failures is null"));
        byMx = List.copyOf(requireNonNull(byMx, "byMx is null"));
        requireNonNull(lastReceived, "lastReceived is null");
        requireNonNull(readiness, "readiness is null");
    }

    /** The fields that hold text from reports, which renderers must escape: organisations and result types. */
    public static List<String> untrustedText() {
        return List.of("organizations", "failures.resultType");
    }

    /** Failed sessions of one result type (as sent; outside the registry too). */
    public record ResultTypeCount(String resultType, long count) {
        public ResultTypeCount {
            requireNonNull(resultType, "resultType is null");
        }
    }

    /** Sessions towards one MX host. */
    public record MxCount(String mx, long successful, long failed) {
        public MxCount {
            requireNonNull(mx, "mx is null");
        }
    }

    /** Failed sessions as a percentage of all, "0.40 %"; "no sessions" without any. */
    public String failureShare() {
        long total = successful + failed;
        return total == 0 ? "no sessions" : percent(failed, total);
    }

    /** {@code part} as a percentage of {@code total} with two decimals, "0.40 %"; "0.00 %" when the total is 0. */
    public static String percent(long part, long total) {
        return String.format(Locale.ROOT, "%.2f %%", total == 0 ? 0.0 : 100.0 * part / total);
    }
}
