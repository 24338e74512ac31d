package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one check of a domain saw, as the history store keeps it. Checks read past observations through
 * {@link DomainContext#history()} to spot drift that a single look cannot: a policy body that changed while the DNS
 * {@code id} stayed the same, a policy stuck in {@code testing}, a deployment removed without a {@code none} stage.
 *
 * @param checkedAt when the check started
 * @param recordId the {@code id} of the one valid {@code _mta-sts} record, when there was one
 * @param bodySha256 {@link #sha256(String)} of the policy body, when a body was fetched (HTTP 200, not truncated)
 * @param body the policy body as fetched (UTF-8), when there was one
 * @param lastModified the policy response's {@code Last-Modified}, when it had a valid one
 * @param etag the policy response's {@code ETag}, as sent
 * @param mode the mode of the valid policy ({@code enforce}, {@code testing}, {@code none}), when it parsed
 * @param maxAge the {@code max_age} of the valid policy in seconds, when it parsed
 * @param mxPatterns the {@code mx} patterns of the valid policy, in file order
 * @param mxHosts the domain's MX hosts as DNS returned them, lower case, sorted; empty when there were none
 * @param certificateNotAfter the end of validity of the policy host's certificate, when a handshake completed
 * @param status the report's overall status
 * @param findingCodes the codes of the report's info, warn and fail findings, sorted, without duplicates (pass
 *     findings only say that all is well, and would make every check look like a change)
 */
public record Observation(
        Instant checkedAt,
        Optional<String> recordId,
        Optional<String> bodySha256,
        Optional<String> body,
        Optional<Instant> lastModified,
        Optional<String> etag,
        Optional<String> mode,
        Optional<Long> maxAge,
        List<String> mxPatterns,
        List<String> mxHosts,
        Optional<Instant> certificateNotAfter,
        Severity status,
        List<String> findingCodes) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public Observation {
        requireNonNull(checkedAt, "checkedAt is null");
        requireNonNull(recordId, "recordId is null");
        requireNonNull(bodySha256, "bodySha256 is null");
        requireNonNull(body, "body is null");
        requireNonNull(lastModified, "lastModified is null");
        requireNonNull(etag, "etag is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(maxAge, "maxAge is null");
        mxPatterns = List.copyOf(requireNonNull(mxPatterns, "mxPatterns is null"));
        mxHosts = List.copyOf(requireNonNull(mxHosts, "mxHosts is null"));
        requireNonNull(certificateNotAfter, "certificateNotAfter is null");
        requireNonNull(status, "status is null");
        findingCodes = List.copyOf(requireNonNull(findingCodes, "findingCodes is null"));
        if (bodySha256.isPresent() && !SHA256.matcher(bodySha256.get()).matches()) {
            throw new IllegalArgumentException("bodySha256 is not 64 lower-case hex digits: " + bodySha256.get());
        }
        if (body.isPresent() && bodySha256.isEmpty()) {
            throw new IllegalArgumentException("an observation with a body needs its bodySha256");
        }
        if (maxAge.isPresent() && maxAge.get() < 0) {
            throw new IllegalArgumentException("maxAge is negative: " + maxAge.get());
        }
    }

    /**
     * The hash that identifies a policy body across observations: SHA-256 (lower-case hex) of the body with its line
     * breaks made LF, whitespace at line ends removed, and trailing blank lines dropped. A CRLF-to-LF conversion or a
     * stray trailing space is not a policy change; anything else is.
     */
    public static String sha256(String body) {
        requireNonNull(body, "body is null");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(normalise(body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The body as {@link #sha256(String)} hashes it. */
    public static String normalise(String body) {
        String[] lines = body.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder(body.length());
        for (String line : lines) {
            out.append(line.stripTrailing()).append('\n');
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }
}
