package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.tlsrpt.ParseResult.Parsed;
import dev.mtasts.tlsrpt.ParseResult.Rejected;
import dev.mtasts.tlsrpt.TlsRptReport.FailureDetail;
import dev.mtasts.tlsrpt.TlsRptReport.PolicyResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * Reads TLS-RPT reports (RFC 8460 §4): tolerant of what real reporters send, strict about what a report may cost.
 *
 * <p>Accepted deviations: {@code sending-mta-ip} missing, {@code contact-info} {@code null}, {@code policy-domain}
 * missing (then the {@link ReportSource#domainHint()}), a single string (or object) where the schema has an array,
 * {@code mx-host-pattern} for {@code mx-host}, {@code additional-info-uri} for {@code additional-information},
 * {@code policy-string} absent, a missing {@code summary} (failures then counted from the details), result types
 * outside the IANA registry (kept as sent). Gzip is sniffed from the magic bytes whatever the media type says.
 *
 * <p>Rejected: see {@link ReportLimits} and {@link Rejection}.
 */
public final class ReportParser {
    private final ReportLimits limits;
    private final ObjectMapper json;

    public ReportParser(ReportLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
                        .build())
                .build();
        this.json = new ObjectMapper(factory);
    }

    public ReportLimits limits() {
        return limits;
    }

    /** Reads one report body, gzip or JSON. Never throws for bad input; the stream is not closed. */
    public ParseResult parse(InputStream body, ReportSource source) {
        requireNonNull(body, "body is null");
        requireNonNull(source, "source is null");
        byte[] bytes;
        try {
            bytes = BoundedInput.read(body, limits);
        } catch (LimitExceeded e) {
            return new Rejected(e.reason(), String.valueOf(e.getMessage()));
        } catch (ZipException e) {
            return new Rejected(Rejection.BAD_GZIP, String.valueOf(e.getMessage()));
        } catch (IOException e) {
            return new Rejected(Rejection.UNREADABLE, String.valueOf(e.getMessage()));
        }
        return parse(bytes, source);
    }

    /** Reads one decompressed JSON report. */
    ParseResult parse(byte[] bytes, ReportSource source) {
        if (bytes.length == 0) {
            return new Rejected(Rejection.NOT_A_REPORT, "the body is empty");
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (StreamConstraintsException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("nesting depth")) {
                return new Rejected(Rejection.TOO_DEEP, "deeper than " + limits.maxNestingDepth() + " levels");
            }
            return new Rejected(Rejection.NOT_JSON, String.valueOf(message));
        } catch (JsonProcessingException e) {
            return new Rejected(Rejection.NOT_JSON, String.valueOf(e.getOriginalMessage()));
        } catch (IOException e) {
            return new Rejected(Rejection.UNREADABLE, String.valueOf(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return new Rejected(Rejection.NOT_A_REPORT, "the JSON is not an object");
        }
        try {
            return new Parsed(report(root, source));
        } catch (Invalid e) {
            return new Rejected(e.reason, String.valueOf(e.getMessage()));
        }
    }

    private TlsRptReport report(JsonNode root, ReportSource source) throws Invalid {
        String organization = text(root, "organization-name").orElseThrow(() -> missing("organization-name"));
        String reportId = text(root, "report-id").orElseThrow(() -> missing("report-id"));
        JsonNode range = root.path("date-range");
        Instant start = instant(range, "start-datetime");
        Instant end = instant(range, "end-datetime");
        if (end.isBefore(start)) {
            throw new Invalid(Rejection.NOT_A_REPORT, "date-range ends before it starts");
        }
        List<JsonNode> policyNodes = elements(root.get("policies"));
        if (policyNodes.isEmpty()) {
            throw missing("policies");
        }
        int details = 0;
        for (JsonNode policy : policyNodes) {
            details += elements(policy.get("failure-details")).size();
        }
        if (details > limits.maxFailureDetails()) {
            throw new Invalid(
                    Rejection.TOO_MANY_FAILURE_DETAILS,
                    details + " entries, the limit is " + limits.maxFailureDetails());
        }
        List<PolicyResult> policies = new ArrayList<>();
        for (JsonNode policy : policyNodes) {
            policies.add(policy(policy, source));
        }
        return new TlsRptReport(organization, start, end, text(root, "contact-info"), reportId, policies);
    }

    private PolicyResult policy(JsonNode entry, ReportSource source) throws Invalid {
        if (!entry.isObject()) {
            throw new Invalid(Rejection.NOT_A_REPORT, "a policies entry is not an object");
        }
        JsonNode policy = entry.path("policy");
        String type = text(policy, "policy-type").orElse("unknown");
        Optional<String> declared = text(policy, "policy-domain");
        String domain;
        if (declared.isPresent()) {
            domain = Domains.normalise(declared.get())
                    .orElseThrow(() -> new Invalid(
                            Rejection.NOT_A_REPORT, "policy-domain '" + declared.get() + "' is not a domain name"));
        } else {
            domain = source.domainHint().orElseThrow(() -> new Invalid(Rejection.NO_POLICY_DOMAIN, ""));
        }
        Set<String> mx = new LinkedHashSet<>();
        for (String field : List.of("mx-host", "mx-host-pattern")) {
            for (String host : strings(policy.get(field))) {
                Domains.normalise(host).ifPresent(mx::add);
            }
        }
        List<FailureDetail> failures = new ArrayList<>();
        long detailed = 0;
        for (JsonNode detail : elements(entry.get("failure-details"))) {
            FailureDetail failure = failure(detail);
            failures.add(failure);
            detailed += failure.failedSessions();
        }
        JsonNode summary = entry.path("summary");
        long successful = count(summary, "total-successful-session-count").orElse(0L);
        long failed = count(summary, "total-failure-session-count").orElse(detailed);
        return new PolicyResult(
                type, strings(policy.get("policy-string")), domain, List.copyOf(mx), successful, failed, failures);
    }

    private FailureDetail failure(JsonNode detail) throws Invalid {
        if (!detail.isObject()) {
            throw new Invalid(Rejection.NOT_A_REPORT, "a failure-details entry is not an object");
        }
        Optional<String> information = text(detail, "additional-information");
        if (information.isEmpty()) {
            information = text(detail, "additional-info-uri");
        }
        return new FailureDetail(
                text(detail, "result-type").orElse("unknown"),
                text(detail, "sending-mta-ip"),
                text(detail, "receiving-mx-hostname").flatMap(Domains::normalise),
                text(detail, "receiving-mx-helo"),
                text(detail, "receiving-ip"),
                count(detail, "failed-session-count").orElse(0L),
                information,
                text(detail, "failure-reason-code"));
    }

    /** A string field; numbers and booleans as their text; empty for absent, null, blank or structured values. */
    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return Optional.empty();
        }
        String text = value.asText().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** An array of strings, or a single string where the schema has an array. */
    private static List<String> strings(JsonNode value) {
        List<String> out = new ArrayList<>();
        for (JsonNode element : elements(value)) {
            if (element.isValueNode() && !element.isNull()) {
                out.add(element.asText());
            }
        }
        return out;
    }

    /** The elements of an array, or the value itself where the schema has an array; empty for absent or null. */
    private static List<JsonNode> elements(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return List.of();
        }
        if (value.isArray()) {
            List<JsonNode> out = new ArrayList<>(value.size());
            value.forEach(out::add);
            return out;
        }
        return List.of(value);
    }

    private static Optional<Long> count(JsonNode node, String field) throws Invalid {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        long count;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            count = value.asLong();
        } else if (value.isTextual() && value.asText().strip().matches("[0-9]{1,18}")) {
            count = Long.parseLong(value.asText().strip());
        } else {
            throw new Invalid(Rejection.NOT_A_REPORT, field + " is not a count: " + abbreviate(value.toString()));
        }
        if (count < 0) {
            throw new Invalid(Rejection.NOT_A_REPORT, field + " is negative");
        }
        return Optional.of(count);
    }

    private static Instant instant(JsonNode range, String field) throws Invalid {
        String text = text(range, field).orElseThrow(() -> missing("date-range." + field));
        String iso = text.replace(' ', 'T').toUpperCase(Locale.ROOT);
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid(
                    Rejection.NOT_A_REPORT, "date-range." + field + " is not a date-time: " + abbreviate(text));
        }
    }

    private static Invalid missing(String field) {
        return new Invalid(Rejection.NOT_A_REPORT, "no " + field);
    }

    /** Untrusted text for a one-line message: at most 120 characters, control characters replaced. */
    static String abbreviate(String text) {
        String shown = text.length() <= 120 ? text : text.substring(0, 120) + "…";
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static final class Invalid extends Exception {
        private final Rejection reason;

        Invalid(Rejection reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
