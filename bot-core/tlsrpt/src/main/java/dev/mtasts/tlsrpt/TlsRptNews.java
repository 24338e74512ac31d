package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.chat.TlsRptSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What is new in a domain's reports, for the notifications of channels subscribed to it: a pure function of the
 * recent reports and the reports of the days before.
 *
 * <ul>
 *   <li>a result type not seen in the previous {@value #PREVIOUS_DAYS} days;
 *   <li>a failure rate above the configured share ({@value #DEFAULT_THRESHOLD} by default, 1 %).
 * </ul>
 *
 * Each item names the failing MX hosts and the most likely fix. Result types and MX host names come from reports:
 * renderers escape them.
 */
public final class TlsRptNews {
    public static final double DEFAULT_THRESHOLD = 0.01;
    public static final int PREVIOUS_DAYS = 7;

    private TlsRptNews() {}

    /** Something new in a domain's reports. */
    public sealed interface News {
        /** The failing MX hosts (or {@value TlsRptSummary#ANY_MX} when a report does not say), sorted. */
        List<String> mxHosts();

        /** The most likely fixes, one per result type and MX. */
        List<String> fixes();

        /** One plain-text line saying what is new; renderers escape it (result types and hosts come from reports). */
        String headline();
    }

    /** Failures of a result type not seen in the previous {@value #PREVIOUS_DAYS} days. */
    public record NewResultType(String resultType, long sessions, List<String> mxHosts, List<String> fixes)
            implements News {
        public NewResultType {
            requireNonNull(resultType, "resultType is null");
            mxHosts = List.copyOf(requireNonNull(mxHosts, "mxHosts is null"));
            fixes = List.copyOf(requireNonNull(fixes, "fixes is null"));
        }

        @Override
        public String headline() {
            return "new in the TLS reports: " + sessions + " session" + (sessions == 1 ? "" : "s") + " failed with "
                    + ReportParser.abbreviate(resultType) + " (" + String.join(", ", mxHosts) + ")";
        }
    }

    /** A failure rate above the threshold. */
    public record FailureRateAbove(long failed, long total, double threshold, List<String> mxHosts, List<String> fixes)
            implements News {
        public FailureRateAbove {
            mxHosts = List.copyOf(requireNonNull(mxHosts, "mxHosts is null"));
            fixes = List.copyOf(requireNonNull(fixes, "fixes is null"));
        }

        public double rate() {
            return total == 0 ? 0 : (double) failed / total;
        }

        @Override
        public String headline() {
            return "TLS failure rate " + TlsRptSummary.percent(failed, total) + " (" + failed + " of " + total
                    + " sessions) is above "
                    + String.format(java.util.Locale.ROOT, "%.2f %%", threshold * 100)
                    + (mxHosts.isEmpty() ? "" : "; failing MX: " + String.join(", ", mxHosts));
        }
    }

    /**
     * @param domain the policy domain
     * @param recent the entries since the last look (e.g. the last day)
     * @param previous the entries of the {@value #PREVIOUS_DAYS} days before them
     * @param threshold the failure share above which to notify, in (0, 1]
     */
    public static List<News> detect(
            String domain, List<StoredPolicy> recent, List<StoredPolicy> previous, double threshold) {
        requireNonNull(domain, "domain is null");
        requireNonNull(recent, "recent is null");
        requireNonNull(previous, "previous is null");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the failure threshold must be a share in (0, 1], not " + threshold);
        }
        Set<String> seen = new HashSet<>();
        previous.forEach(policy -> policy.failures().stream()
                .filter(failure -> failure.sessions() > 0)
                .forEach(failure -> seen.add(failure.resultType())));
        Map<String, Long> sessions = new TreeMap<>();
        Map<String, Set<String>> hosts = new TreeMap<>();
        long failed = 0;
        long total = 0;
        for (StoredPolicy policy : recent) {
            failed += policy.failed();
            total += policy.successful() + policy.failed();
            for (StoredPolicy.Failure failure : policy.failures()) {
                if (failure.sessions() > 0) {
                    sessions.merge(failure.resultType(), failure.sessions(), Long::sum);
                    hosts.computeIfAbsent(failure.resultType(), type -> new TreeSet<>())
                            .add(failure.mxHost().or(policy::singleMx).orElse(TlsRptSummary.ANY_MX));
                }
            }
        }
        List<News> news = new ArrayList<>();
        sessions.forEach((type, count) -> {
            if (!seen.contains(type)) {
                news.add(new NewResultType(
                        type, count, List.copyOf(hosts.get(type)), fixes(domain, Map.of(type, hosts.get(type)))));
            }
        });
        if (total > 0 && (double) failed / total > threshold) {
            Set<String> failing = new TreeSet<>();
            hosts.values().forEach(failing::addAll);
            news.add(new FailureRateAbove(failed, total, threshold, List.copyOf(failing), fixes(domain, hosts)));
        }
        return news;
    }

    private static List<String> fixes(String domain, Map<String, Set<String>> hostsByType) {
        Set<String> fixes = new LinkedHashSet<>();
        hostsByType.forEach((type, hosts) -> {
            for (String host : hosts) {
                fixes.add(ResultTypes.likelyFix(
                        type, domain, host.equals(TlsRptSummary.ANY_MX) ? "an MX of " + domain : host));
            }
        });
        return List.copyOf(fixes);
    }
}
