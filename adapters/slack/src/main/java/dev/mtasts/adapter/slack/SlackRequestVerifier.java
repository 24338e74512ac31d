package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that an HTTP request really comes from Slack (Slack's v0 request signing): the HMAC-SHA256 of
 * {@code v0:{timestamp}:{raw body}} under the signing secret, compared in constant time, and a timestamp within five
 * minutes of now <em>either way</em>. The SDK's own check accepts any timestamp in the future, so a captured request
 * with a forged future timestamp cannot be replayed here, nor an old one.
 */
public final class SlackRequestVerifier {
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    /** How far a request's timestamp may be from now, in the past or in the future. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Clock clock;

    public SlackRequestVerifier(String signingSecret, Clock clock) {
        requireNonNull(signingSecret, "signingSecret is null");
        if (signingSecret.isBlank()) {
            throw new IllegalArgumentException("the signing secret is blank");
        }
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Why a request was refused; empty when it is genuine. */
    public Optional<String> problem(Optional<String> timestamp, Optional<String> signature, byte[] rawBody) {
        requireNonNull(rawBody, "rawBody is null");
        if (timestamp.isEmpty() || signature.isEmpty()) {
            return Optional.of("missing signature headers");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.get().strip());
        } catch (NumberFormatException e) {
            return Optional.of("malformed timestamp");
        }
        Instant now = clock.instant();
        long skew = Math.abs(now.getEpochSecond() - seconds);
        if (skew > WINDOW.toSeconds()) {
            return Optional.of("timestamp " + skew + " s away from now");
        }
        byte[] expected = ("v0=" + HexFormat.of().formatHex(hmac(timestamp.get().strip(), rawBody)))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.get().strip().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.of("bad signature");
        }
        return Optional.empty();
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
