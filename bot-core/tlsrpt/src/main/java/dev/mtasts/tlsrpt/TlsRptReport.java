package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One TLS-RPT aggregate report (RFC 8460 §4), as read by {@link ReportParser}: tolerant of the deviations real
 * reporters send, so every optional field is optional here.
 *
 * <p>Every string comes from a stranger: {@code organization} and the free-text fields may hold markup
 * ({@code <script>}, {@code <!channel>}, {@code @everyone}). They are kept verbatim; renderers escape them.
 *
 * @param organization {@code organization-name}, untrusted text
 * @param start {@code date-range.start-datetime}
 * @param end {@code date-range.end-datetime}
 * @param contactInfo {@code contact-info}; empty when absent or {@code null}
 * @param reportId {@code report-id}: with the organisation, the identity of the report (a resent report is counted once)
 * @param policies the {@code policies} entries, at least one
 */
public record TlsRptReport(
        String organization,
        Instant start,
        Instant end,
        Optional<String> contactInfo,
        String reportId,
        List<PolicyResult> policies) {
    public TlsRptReport {
        requireNonNull(organization, "organization is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(contactInfo, "contactInfo is null");
        requireNonNull(reportId, "reportId is null");
        policies = List.copyOf(requireNonNull(policies, "policies is null"));
    }

    /** The number of failure-details entries over all policies. */
    public int failureDetailCount() {
        return policies.stream().mapToInt(policy -> policy.failures().size()).sum();
    }

    /**
     * One {@code policies} entry: the sessions of one sender towards one policy.
     *
     * @param policyType {@code policy-type} as sent ({@code sts}, {@code tlsa}, {@code no-policy-found}, or another)
     * @param policyString {@code policy-string} lines; empty when absent (a failed policy fetch)
     * @param policyDomain {@code policy-domain}, lower case, without a trailing dot; from the report or, when the report
     *     lacks it, from where it came (URL path, {@code TLS-Report-Domain} header, file name)
     * @param mxHosts {@code mx-host} (or the older {@code mx-host-pattern}), lower case, without duplicates
     * @param successful {@code summary.total-successful-session-count}
     * @param failed {@code summary.total-failure-session-count}
     * @param failures {@code failure-details}
     */
    public record PolicyResult(
            String policyType,
            List<String> policyString,
            String policyDomain,
            List<String> mxHosts,
            long successful,
            long failed,
            List<FailureDetail> failures) {
        public PolicyResult {
            requireNonNull(policyType, "policyType is null");
            policyString = List.copyOf(requireNonNull(policyString, "policyString is null"));
            requireNonNull(policyDomain, "policyDomain is null");
            mxHosts = List.copyOf(requireNonNull(mxHosts, "mxHosts is null"));
            failures = List.copyOf(requireNonNull(failures, "failures is null"));
            if (successful < 0 || failed < 0) {
                throw new IllegalArgumentException("session counts are negative");
            }
        }
    }

    /**
     * One {@code failure-details} entry.
     *
     * @param resultType {@code result-type} as sent, also when the IANA registry does not list it
     * @param sendingMtaIp {@code sending-mta-ip}; one large provider leaves it out
     * @param receivingMxHostname {@code receiving-mx-hostname}, lower case, without a trailing dot
     * @param receivingMxHelo {@code receiving-mx-helo}
     * @param receivingIp {@code receiving-ip}
     * @param failedSessions {@code failed-session-count}
     * @param additionalInformation {@code additional-information} (or the older {@code additional-info-uri})
     * @param failureReasonCode {@code failure-reason-code}, free text
     */
    public record FailureDetail(
            String resultType,
            Optional<String> sendingMtaIp,
            Optional<String> receivingMxHostname,
            Optional<String> receivingMxHelo,
            Optional<String> receivingIp,
            long failedSessions,
            Optional<String> additionalInformation,
            Optional<String> failureReasonCode) {
        public FailureDetail {
            requireNonNull(resultType, "resultType is null");
            requireNonNull(sendingMtaIp, "sendingMtaIp is null");
            requireNonNull(receivingMxHostname, "receivingMxHostname is null");
            requireNonNull(receivingMxHelo, "receivingMxHelo is null");
            requireNonNull(receivingIp, "receivingIp is null");
            requireNonNull(additionalInformation, "additionalInformation is null");
            requireNonNull(failureReasonCode, "failureReasonCode is null");
            if (failedSessions < 0) {
                throw new IllegalArgumentException("failedSessions is negative");
            }
        }
    }
}
