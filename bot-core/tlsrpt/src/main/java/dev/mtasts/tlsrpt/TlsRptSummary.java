package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a domain's TLS-RPT reports say over a window of days: the chat-neutral model the CLI, the JSON and the chat
 * adapters render ({@code /mtasts reports <domain>}).
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

    /** Failed sessions over all sessions; 0 without sessions. */
    public double failureRate() {
        long total = successful + failed;
        return total == 0 ? 0 : (double) failed / total;
    }

    /**
     * Adds up {@code policies} (the window's stored entries of {@code domain}): a pure function.
     *
     * <p>MX attribution: an entry listing a single MX host counts all its sessions there; otherwise its failures go to
     * the receiving MX each failure detail names, and the rest to {@value #ANY_MX}.
     */
    public static TlsRptSummary of(
            String domain, LocalDate from, LocalDate to, List<StoredPolicy> policies, Readiness readiness) {
        Set<String> reportIds = new HashSet<>();
        Set<String> organizations = new TreeSet<>();
        Map<String, Long> byType = new TreeMap<>();
        Map<String, long[]> byMx = new TreeMap<>();
        long successful = 0;
        long failed = 0;
        Instant lastReceived = null;
        for (StoredPolicy policy : policies) {
            reportIds.add(policy.organization() + "\u0000" + policy.reportId());
            organizations.add(policy.organization());
            successful += policy.successful();
            failed += policy.failed();
            if (lastReceived == null || policy.receivedAt().isAfter(lastReceived)) {
                lastReceived = policy.receivedAt();
            }
            String home = policy.singleMx().orElse(ANY_MX);
            byMx.computeIfAbsent(home, mx -> new long[2])[0] += policy.successful();
            long attributed = 0;
            for (StoredPolicy.Failure failure : policy.failures()) {
                byType.merge(failure.resultType(), failure.sessions(), Long::sum);
                if (policy.singleMx().isEmpty()) {
                    String mx = failure.mxHost().orElse(ANY_MX);
                    long sessions = Math.min(failure.sessions(), policy.failed() - attributed);
                    if (sessions > 0) {
                        byMx.computeIfAbsent(mx, key -> new long[2])[1] += sessions;
                        attributed += sessions;
                    }
                }
            }
            if (policy.failed() - attributed > 0) {
                byMx.computeIfAbsent(home, mx -> new long[2])[1] += policy.failed() - attributed;
            }
        }
        List<ResultTypeCount> failures = new ArrayList<>();
        byType.forEach((type, count) -> failures.add(new ResultTypeCount(type, count)));
        failures.sort(
                Comparator.comparingLong(ResultTypeCount::count).reversed().thenComparing(ResultTypeCount::resultType));
        List<MxCount> mx = new ArrayList<>();
        byMx.forEach((host, counts) -> {
            if (counts[0] + counts[1] > 0) {
                mx.add(new MxCount(host, counts[0], counts[1]));
            }
        });
        return new TlsRptSummary(
                domain,
                from,
                to,
                reportIds.size(),
                List.copyOf(organizations),
                successful,
                failed,
                failures,
                mx,
                Optional.ofNullable(lastReceived),
                readiness);
    }
}
