package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestSlackRequestVerifier {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final String BODY = "command=%2Fmtasts&text=example.com";
    private final SlackRequestVerifier verifier =
            new SlackRequestVerifier(SignedRequests.SIGNING_SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private Optional<String> verify(Instant timestamp, String secret, String body) {
        String ts = String.valueOf(timestamp.getEpochSecond());
        String signature = new SlackSignature.Generator(secret).generate(ts, BODY);
        return verifier.problem(Optional.of(ts), Optional.of(signature), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsWhatSlackSignsWithinTheWindowEitherWay() {
        assertThat(verify(NOW, SignedRequests.SIGNING_SECRET, BODY)).isEmpty();
        assertThat(verify(NOW.minus(Duration.ofMinutes(4)), SignedRequests.SIGNING_SECRET, BODY))
                .isEmpty();
        assertThat(verify(NOW.plus(Duration.ofMinutes(4)), SignedRequests.SIGNING_SECRET, BODY))
                .isEmpty();
    }

    @Test
    void refusesStaleAndFutureTimestamps() {
        assertThat(verify(NOW.minus(Duration.ofMinutes(6)), SignedRequests.SIGNING_SECRET, BODY))
                .hasValueSatisfying(problem -> assertThat(problem).contains("360 s"));
        // The SDK's own verifier accepts this one.
        assertThat(verify(NOW.plus(Duration.ofMinutes(10)), SignedRequests.SIGNING_SECRET, BODY))
                .hasValueSatisfying(problem -> assertThat(problem).contains("600 s"));
    }

    @Test
    void refusesWrongSecretsTamperedBodiesAndMissingHeaders() {
        assertThat(verify(NOW, "another-secret", BODY)).contains("bad signature");
        assertThat(verify(NOW, SignedRequests.SIGNING_SECRET, BODY + "&user_id=U9"))
                .contains("bad signature");
        assertThat(verifier.problem(Optional.empty(), Optional.of("v0=00"), new byte[0]))
                .contains("missing signature headers");
        assertThat(verifier.problem(Optional.of("soon"), Optional.of("v0=00"), new byte[0]))
                .contains("malformed timestamp");
    }
}
