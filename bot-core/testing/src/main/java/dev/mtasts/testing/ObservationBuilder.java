package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Observation;
import dev.mtasts.spi.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds {@link Observation}s for tests of history: {@code ObservationBuilder.at("2026-01-01T00:00:00Z").id("1")
 * .policy("version: STSv1\nmode: enforce\n...").build()}. {@link #policy(String)} also sets the mode, max_age and mx
 * patterns it reads from the body (a lenient reading; tests of the real parser live with the checks).
 */
public final class ObservationBuilder {
    private Instant checkedAt;
    private Optional<String> recordId = Optional.empty();
    private Optional<String> body = Optional.empty();
    private Optional<Instant> lastModified = Optional.empty();
    private Optional<String> etag = Optional.empty();
    private Optional<String> mode = Optional.empty();
    private Optional<Long> maxAge = Optional.empty();
    private List<String> mxPatterns = List.of();
    private List<String> mxHosts = List.of();
    private Optional<Instant> certificateNotAfter = Optional.empty();
    private Severity status = Severity.PASS;
    private List<String> findingCodes = List.of();

    private ObservationBuilder(Instant checkedAt) {
        this.checkedAt = requireNonNull(checkedAt, "checkedAt is null");
    }

    public static ObservationBuilder at(Instant checkedAt) {
        return new ObservationBuilder(checkedAt);
    }

    public static ObservationBuilder at(String checkedAt) {
        return new ObservationBuilder(Instant.parse(checkedAt));
    }

    /** A copy of {@code observation} to change. */
    public static ObservationBuilder from(Observation observation) {
        ObservationBuilder builder = new ObservationBuilder(observation.checkedAt());
        builder.recordId = observation.recordId();
        builder.body = observation.body();
        builder.lastModified = observation.lastModified();
        builder.etag = observation.etag();
        builder.mode = observation.mode();
        builder.maxAge = observation.maxAge();
        builder.mxPatterns = observation.mxPatterns();
        builder.mxHosts = observation.mxHosts();
        builder.certificateNotAfter = observation.certificateNotAfter();
        builder.status = observation.status();
        builder.findingCodes = observation.findingCodes();
        return builder;
    }

    public ObservationBuilder checkedAt(Instant checkedAt) {
        this.checkedAt = requireNonNull(checkedAt, "checkedAt is null");
        return this;
    }

    public ObservationBuilder id(String recordId) {
        this.recordId = Optional.of(recordId);
        return this;
    }

    public ObservationBuilder noId() {
        this.recordId = Optional.empty();
        return this;
    }

    /** The policy body; mode, max_age and mx are read from its lines. */
    public ObservationBuilder policy(String body) {
        this.body = Optional.of(body);
        Optional<String> readMode = Optional.empty();
        Optional<Long> readMaxAge = Optional.empty();
        List<String> readMx = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "mode" -> readMode = readMode.or(() -> Optional.of(value));
                case "max_age" -> readMaxAge = readMaxAge.or(() -> Optional.of(Long.parseLong(value)));
                case "mx" -> readMx.add(value);
                default -> {}
            }
        }
        this.mode = readMode;
        this.maxAge = readMaxAge;
        this.mxPatterns = List.copyOf(readMx);
        return this;
    }

    /** A body that did not parse as a valid policy: no mode, max_age or mx. */
    public ObservationBuilder invalidPolicy(String body) {
        this.body = Optional.of(body);
        this.mode = Optional.empty();
        this.maxAge = Optional.empty();
        this.mxPatterns = List.of();
        return this;
    }

    public ObservationBuilder noPolicy() {
        this.body = Optional.empty();
        this.mode = Optional.empty();
        this.maxAge = Optional.empty();
        this.mxPatterns = List.of();
        this.lastModified = Optional.empty();
        this.etag = Optional.empty();
        return this;
    }

    public ObservationBuilder lastModified(String instant) {
        this.lastModified = Optional.of(Instant.parse(instant));
        return this;
    }

    public ObservationBuilder etag(String etag) {
        this.etag = Optional.of(etag);
        return this;
    }

    public ObservationBuilder mxHosts(String... hosts) {
        this.mxHosts = List.of(hosts);
        return this;
    }

    public ObservationBuilder certificateNotAfter(String instant) {
        this.certificateNotAfter = Optional.of(Instant.parse(instant));
        return this;
    }

    public ObservationBuilder status(Severity status) {
        this.status = requireNonNull(status, "status is null");
        return this;
    }

    public ObservationBuilder findings(String... codes) {
        this.findingCodes = List.of(codes).stream().distinct().sorted().toList();
        return this;
    }

    public Observation build() {
        return new Observation(
                checkedAt,
                recordId,
                body.map(Observation::sha256),
                body,
                lastModified,
                etag,
                mode,
                maxAge,
                mxPatterns,
                mxHosts,
                certificateNotAfter,
                status,
                findingCodes);
    }
}
