package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored {@code policies} entry of a report, with its report's identity: the unit the summary adds up.
 *
 * @param organization the reporting organisation, untrusted text kept verbatim
 * @param reportId the report's id
 * @param start the report's start
 * @param end the report's end
 * @param receivedAt when this bot stored the report
 * @param policyType {@code policy-type} as sent
 * @param mxHosts the policy's MX hosts or patterns as the report lists them
 * @param successful successful sessions
 * @param failed failed sessions
 * @param failures failed sessions per result type and MX host
 */
public record StoredPolicy(
        String organization,
        String reportId,
        Instant start,
        Instant end,
        Instant receivedAt,
        String policyType,
        List<String> mxHosts,
        long successful,
        long failed,
        List<Failure> failures) {
    public StoredPolicy {
        requireNonNull(organization, "organization is null");
        requireNonNull(reportId, "reportId is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(policyType, "policyType is null");
        mxHosts = List.copyOf(requireNonNull(mxHosts, "mxHosts is null"));
        failures = List.copyOf(requireNonNull(failures, "failures is null"));
    }

    /**
     * Failed sessions of one result type.
     *
     * @param resultType as sent
     * @param mxHost the receiving MX host, when the report says (or the policy lists a single MX)
     * @param sessions failed sessions
     */
    public record Failure(String resultType, Optional<String> mxHost, long sessions) {
        public Failure {
            requireNonNull(resultType, "resultType is null");
            requireNonNull(mxHost, "mxHost is null");
        }
    }

    /** The one MX host this entry is about, when its report lists exactly one. */
    public Optional<String> singleMx() {
        return mxHosts.size() == 1 ? Optional.of(mxHosts.getFirst()) : Optional.empty();
    }
}
