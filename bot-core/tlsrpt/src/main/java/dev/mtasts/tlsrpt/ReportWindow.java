package dev.mtasts.tlsrpt;

import dev.mtasts.core.chat.Readiness;
import dev.mtasts.core.chat.TlsRptSummary;
import dev.mtasts.core.chat.TlsRptSummary.MxCount;
import dev.mtasts.core.chat.TlsRptSummary.ResultTypeCount;
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

/** A domain's stored report entries over a window of days, added up into the {@link TlsRptSummary} everyone reads. */
final class ReportWindow {
    private ReportWindow() {}

    /**
     * Adds up {@code policies} (the window's stored entries of {@code domain}): a pure function.
     *
     * <p>MX attribution: an entry listing a single MX host counts all its sessions there; otherwise its failures go to
     * the receiving MX each failure detail names, and the rest to {@value TlsRptSummary#ANY_MX}.
     */
    static TlsRptSummary sum(
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
            String home = policy.singleMx().orElse(TlsRptSummary.ANY_MX);
            byMx.computeIfAbsent(home, mx -> new long[2])[0] += policy.successful();
            long attributed = 0;
            for (StoredPolicy.Failure failure : policy.failures()) {
                byType.merge(failure.resultType(), failure.sessions(), Long::sum);
                if (policy.singleMx().isEmpty()) {
                    String mx = failure.mxHost().orElse(TlsRptSummary.ANY_MX);
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
