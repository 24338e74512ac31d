package dev.mtasts.core.history;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.Report;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.Observation;
import dev.mtasts.spi.SenderView;
import dev.mtasts.spi.Severity;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Builds and condenses {@link Observation}s. */
public final class Observations {
    /**
     * The longest ETag kept as sent; a longer one (the policy host chooses it) is kept as {@code sha256:<hex>}, which
     * still compares equal when the ETag is unchanged.
     */
    public static final int MAX_ETAG_CHARS = 200;
    /**
     * MX hosts and policy mx patterns kept per observation; past that the rest is summarised in one last entry that
     * still changes when any of them does. A domain chooses how many it publishes, so this bounds every row.
     */
    public static final int MAX_MX_ENTRIES = 100;

    private Observations() {}

    /** {@code observation} within the size caps ({@link #MAX_ETAG_CHARS}, {@link #MAX_MX_ENTRIES}). */
    public static Observation capped(Observation observation) {
        requireNonNull(observation, "observation is null");
        Optional<String> etag = observation.etag().map(Observations::cappedEtag);
        List<String> patterns = cappedList(observation.mxPatterns());
        List<String> hosts = cappedList(observation.mxHosts());
        if (etag.equals(observation.etag())
                && patterns.equals(observation.mxPatterns())
                && hosts.equals(observation.mxHosts())) {
            return observation;
        }
        return copy(observation, observation.body(), etag, patterns, hosts);
    }

    /** The observation with {@code body}, the policy body its {@code bodySha256} names (a store reads it apart). */
    public static Observation withBody(Observation observation, Optional<String> body) {
        requireNonNull(observation, "observation is null");
        return copy(observation, body, observation.etag(), observation.mxPatterns(), observation.mxHosts());
    }

    private static Observation copy(
            Observation observation,
            Optional<String> body,
            Optional<String> etag,
            List<String> mxPatterns,
            List<String> mxHosts) {
        return new Observation(
                observation.checkedAt(),
                observation.recordId(),
                observation.bodySha256(),
                body,
                observation.lastModified(),
                etag,
                observation.mode(),
                observation.maxAge(),
                mxPatterns,
                mxHosts,
                observation.certificateNotAfter(),
                observation.status(),
                observation.findingCodes());
    }

    private static String cappedEtag(String etag) {
        return etag.length() <= MAX_ETAG_CHARS ? etag : "sha256:" + hex(etag);
    }

    private static List<String> cappedList(List<String> values) {
        if (values.size() <= MAX_MX_ENTRIES) {
            return values;
        }
        List<String> kept = new ArrayList<>(values.subList(0, MAX_MX_ENTRIES - 1));
        List<String> rest = values.subList(MAX_MX_ENTRIES - 1, values.size());
        kept.add("… " + rest.size() + " more (sha256:"
                + hex(String.join("\n", rest)).substring(0, 16) + ")");
        return List.copyOf(kept);
    }

    /**
     * A hash of everything {@link #sameState} compares: two observations have the same state hash exactly when they
     * saw the same thing. The store keeps it beside each row, so history can be condensed by reading ids and hashes.
     */
    public static String stateHash(Observation observation) {
        requireNonNull(observation, "observation is null");
        String separator = "\u001f";
        String state = String.join(
                "\u001e",
                observation.recordId().orElse("\u0000"),
                observation.bodySha256().orElse("\u0000"),
                observation.lastModified().map(Instant::toString).orElse("\u0000"),
                observation.etag().orElse("\u0000"),
                observation.mode().orElse("\u0000"),
                observation.maxAge().map(String::valueOf).orElse("\u0000"),
                String.join(separator, observation.mxPatterns()),
                String.join(separator, observation.mxHosts()),
                observation.certificateNotAfter().map(Instant::toString).orElse("\u0000"),
                observation.status().name(),
                String.join(separator, observation.findingCodes()));
        return hex(state);
    }

    private static String hex(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * What a finished check saw: the verdicts from the report (its status and the codes of its info, warn and fail
     * findings; pass findings say nothing changed), the raw data from the context's memoised lookups (the policy
     * response and the MX set), so recording costs no extra network traffic.
     */
    public static Observation of(Report report, DomainContext context) {
        requireNonNull(report, "report is null");
        requireNonNull(context, "context is null");
        return capped(uncapped(report, context));
    }

    private static Observation uncapped(Report report, DomainContext context) {
        Optional<SenderView.Policy> policy = report.sender().flatMap(SenderView::policy);
        Optional<HttpsResponse> response = context.policyFile().found();
        Optional<String> body = response.filter(found -> found.status() == 200 && !found.truncated())
                .map(HttpsResponse::bodyText);
        return new Observation(
                report.checkedAt(),
                report.sender().flatMap(SenderView::recordId).filter(id -> !id.isBlank()),
                body.map(Observation::sha256),
                body,
                response.flatMap(found -> found.header("last-modified")).flatMap(Observations::httpDate),
                response.flatMap(found -> found.header("etag"))
                        .map(String::strip)
                        .filter(etag -> !etag.isEmpty()),
                policy.map(SenderView.Policy::mode),
                policy.map(SenderView.Policy::maxAge),
                policy.map(SenderView.Policy::mx).orElse(List.of()),
                mxHosts(context.mx(context.domain())),
                response.filter(found -> !found.tls().chain().isEmpty())
                        .map(found -> found.tls().leaf().notAfter()),
                report.status(),
                report.findings().stream()
                        .filter(finding -> finding.severity() != Severity.PASS)
                        .map(Finding::code)
                        .distinct()
                        .sorted()
                        .toList());
    }

    /** An HTTP date (RFC 9110 IMF-fixdate, which RFC 1123 parsing covers); empty when it does not parse. */
    static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<String> mxHosts(LookupResult<MxAnswer> lookup) {
        return lookup.found()
                .map(answer -> answer.records().stream()
                        .map(record ->
                                record.host().isEmpty() ? "." : record.host().toLowerCase(Locale.ROOT))
                        .distinct()
                        .sorted()
                        .toList())
                .orElse(List.of());
    }

    /**
     * Keeps the first and the last observation of every run of observations that saw the same thing, so a domain
     * checked hourly for a year is a handful of entries, yet each state's first and last sighting survive.
     *
     * @param observations in either time order; the result keeps that order
     */
    public static List<Observation> condense(List<Observation> observations) {
        List<Observation> kept = new ArrayList<>();
        for (int index = 0; index < observations.size(); index++) {
            Observation observation = observations.get(index);
            boolean sameAsPrevious = index > 0 && sameState(observations.get(index - 1), observation);
            boolean sameAsNext = index + 1 < observations.size() && sameState(observation, observations.get(index + 1));
            if (!(sameAsPrevious && sameAsNext)) {
                kept.add(observation);
            }
        }
        return List.copyOf(kept);
    }

    /** Whether two observations saw the same thing, whenever they saw it. */
    public static boolean sameState(Observation first, Observation second) {
        return first.recordId().equals(second.recordId())
                && first.bodySha256().equals(second.bodySha256())
                && first.lastModified().equals(second.lastModified())
                && first.etag().equals(second.etag())
                && first.mode().equals(second.mode())
                && first.maxAge().equals(second.maxAge())
                && first.mxPatterns().equals(second.mxPatterns())
                && first.mxHosts().equals(second.mxHosts())
                && Objects.equals(first.certificateNotAfter(), second.certificateNotAfter())
                && first.status() == second.status()
                && first.findingCodes().equals(second.findingCodes());
    }
}
