package dev.mtasts.checks;

import static dev.mtasts.checks.Fixtures.DOMAIN;
import static dev.mtasts.checks.Fixtures.POLICY;
import static dev.mtasts.checks.Fixtures.STS;
import static dev.mtasts.checks.Fixtures.healthy;
import static dev.mtasts.checks.Fixtures.policy;
import static dev.mtasts.checks.Fixtures.withPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.SenderView;
import dev.mtasts.spi.SenderView.Outcome;
import dev.mtasts.spi.TlsDetails.Trust;
import dev.mtasts.testing.FakeDomainContext;
import dev.mtasts.testing.FakeResponses;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestMtaStsSenderAnalyzer {
    static Stream<Arguments> views() {
        return Stream.of(
                arguments(
                        "a healthy domain: the policy applies",
                        (Supplier<FakeDomainContext.Builder>) () -> healthy(),
                        Outcome.VALID,
                        "Senders apply the policy (id=20261101T000000, mode enforce"),
                arguments(
                        "T1 no record: no policy",
                        (Supplier<FakeDomainContext.Builder>)
                                () -> healthy().txt(STS, LookupResult.notFound(NotFoundKind.NXDOMAIN, "NXDOMAIN")),
                        Outcome.NONE,
                        "Senders see no policy: no TXT record at _mta-sts.example.com"),
                arguments(
                        "T5 two records: no policy",
                        (Supplier<FakeDomainContext.Builder>)
                                () -> healthy().txt(STS, "v=STSv1; id=a", "v=STSv1; id=b"),
                        Outcome.NONE,
                        "Senders see no policy: two v=STSv1 records"),
                arguments(
                        "T8 an invalid id: no policy",
                        (Supplier<FakeDomainContext.Builder>) () -> healthy().txt(STS, "v=STSv1; id=2024-01-01"),
                        Outcome.NONE,
                        "the v=STSv1 record is invalid (id=2024-01-01 is not 1 to 32 letters"),
                arguments(
                        "T6 only a look-alike: no policy",
                        (Supplier<FakeDomainContext.Builder>) () -> healthy().txt(STS, "v=stsv1; id=abc"),
                        Outcome.NONE,
                        "does not begin with \"v=STSv1\""),
                arguments(
                        "H2 an expired certificate: fetch error",
                        (Supplier<FakeDomainContext.Builder>) () -> healthy()
                                .policyFile(FakeResponses.policy(DOMAIN, POLICY)
                                        .validity(
                                                Instant.parse("2026-08-01T00:00:00Z"),
                                                Instant.parse("2026-11-01T00:00:00Z"))
                                        .trust(Trust.EXPIRED, "expired")
                                        .found()),
                        Outcome.FETCH_ERROR,
                        "Senders will not apply the policy: the fetch fails (certificate expired on 2026-11-01)"),
                arguments(
                        "H4 a redirect: fetch error",
                        (Supplier<FakeDomainContext.Builder>) () -> healthy()
                                .policyFile(FakeResponses.policy(DOMAIN, POLICY)
                                        .redirect(301, "https://www.example.com/")
                                        .found()),
                        Outcome.FETCH_ERROR,
                        "HTTP 301 redirect to https://www.example.com/"),
                arguments(
                        "H6 text/html: fetch error",
                        (Supplier<FakeDomainContext.Builder>) () -> healthy()
                                .policyFile(FakeResponses.policy(DOMAIN, POLICY)
                                        .contentType("text/html")
                                        .found()),
                        Outcome.FETCH_ERROR,
                        "Content-Type text/html"),
                arguments(
                        "H7 a timeout: fetch error",
                        (Supplier<FakeDomainContext.Builder>) () ->
                                healthy().policyFile(LookupResult.failed(FailureKind.TIMEOUT, "no answer in 10 s")),
                        Outcome.FETCH_ERROR,
                        "timeout"),
                arguments(
                        "P4 an invalid policy: fetch error",
                        (Supplier<FakeDomainContext.Builder>) () -> withPolicy(POLICY.replace("mode:", "Mode:")),
                        Outcome.FETCH_ERROR,
                        "the policy file is invalid (mode missing)"),
                arguments(
                        "C5 mode none: valid, but no active policy",
                        (Supplier<FakeDomainContext.Builder>)
                                () -> withPolicy(policy("version: STSv1", "mode: none", "max_age: 86400")),
                        Outcome.VALID,
                        "no active policy"),
                arguments(
                        "mode testing: valid, failures reported",
                        (Supplier<FakeDomainContext.Builder>) () -> withPolicy(POLICY.replace("enforce", "testing")),
                        Outcome.VALID,
                        "report"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void explainsWhatSendersDo(
            String name, Supplier<FakeDomainContext.Builder> setup, Outcome outcome, String explanation) {
        SenderView view = new MtaStsSenderAnalyzer().analyze(setup.get().build());

        assertThat(view.outcome()).isEqualTo(outcome);
        assertThat(view.explanation()).contains(explanation);
    }

    @Test
    void validViewCarriesThePolicy() {
        SenderView view = new MtaStsSenderAnalyzer().analyze(healthy().build());

        assertThat(view.policy())
                .contains(new SenderView.Policy(
                        "20261101T000000", "enforce", 604800, List.of("mx1.example.com", "mx2.example.com")));
    }

    @Test
    void fetchErrorStillShowsTheParsedPolicy() {
        SenderView view = new MtaStsSenderAnalyzer()
                .analyze(healthy()
                        .policyFile(FakeResponses.policy(DOMAIN, POLICY)
                                .nameMatches(false)
                                .found())
                        .build());

        assertThat(view.outcome()).isEqualTo(Outcome.FETCH_ERROR);
        assertThat(view.explanation()).contains("certificate not valid for mta-sts.example.com");
        assertThat(view.policy()).map(SenderView.Policy::mode).contains("enforce");
    }

    @Test
    void noPolicyWhenNothingWasFetched() {
        SenderView view = new MtaStsSenderAnalyzer()
                .analyze(FakeDomainContext.builder(DOMAIN).build());

        assertThat(view.outcome()).isEqualTo(Outcome.NONE);
        assertThat(view.policy()).isEmpty();
    }
}
