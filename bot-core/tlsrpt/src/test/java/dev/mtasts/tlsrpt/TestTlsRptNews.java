package dev.mtasts.tlsrpt;

import static dev.mtasts.tlsrpt.TestEnforceReadiness.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestTlsRptNews {
    private static final List<String> BOTH = List.of("mx1.example.com", "mx2.example.com");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    @Test
    void aResultTypeNotSeenInTheWeekBeforeIsNewWithItsMxAndFix() {
        List<StoredPolicy> previous = List.of(entry(
                "A",
                TODAY.minusDays(3),
                BOTH,
                1000,
                1,
                new StoredPolicy.Failure("validation-failure", Optional.of("mx1.example.com"), 1)));
        List<StoredPolicy> recent = List.of(entry(
                "A",
                TODAY,
                BOTH,
                10_000,
                6,
                new StoredPolicy.Failure("validation-failure", Optional.of("mx1.example.com"), 1),
                new StoredPolicy.Failure("certificate-host-mismatch", Optional.of("mx2.example.com"), 5)));

        List<TlsRptNews.News> news = TlsRptNews.detect("example.com", recent, previous, TlsRptNews.DEFAULT_THRESHOLD);

        assertThat(news)
                .containsExactly(new TlsRptNews.NewResultType(
                        "certificate-host-mismatch",
                        5,
                        List.of("mx2.example.com"),
                        List.of("mx2.example.com presents a certificate that does not name it: reissue the certificate"
                                + " with mx2.example.com in its subject alternative names")));
        assertThat(news.getFirst().headline())
                .isEqualTo(
                        "new in the TLS reports: 5 sessions failed with certificate-host-mismatch (mx2.example.com)");
    }

    @Test
    void aFailureRateAboveTheShareIsNews() {
        List<StoredPolicy> previous = List.of(entry(
                "A",
                TODAY.minusDays(2),
                BOTH,
                100,
                2,
                new StoredPolicy.Failure("starttls-not-supported", Optional.of("mx2.example.com"), 2)));
        List<StoredPolicy> justAbove = List.of(entry(
                "A",
                TODAY,
                BOTH,
                98,
                2,
                new StoredPolicy.Failure("starttls-not-supported", Optional.of("mx2.example.com"), 2)));
        List<StoredPolicy> atTheShare = List.of(entry(
                "A",
                TODAY,
                BOTH,
                99,
                1,
                new StoredPolicy.Failure("starttls-not-supported", Optional.of("mx2.example.com"), 1)));

        assertThat(TlsRptNews.detect("example.com", atTheShare, previous, 0.01)).isEmpty();
        List<TlsRptNews.News> news = TlsRptNews.detect("example.com", justAbove, previous, 0.01);
        assertThat(news).hasSize(1);
        TlsRptNews.FailureRateAbove rate = (TlsRptNews.FailureRateAbove) news.getFirst();
        assertThat(rate.rate()).isEqualTo(0.02);
        assertThat(rate.mxHosts()).containsExactly("mx2.example.com");
        assertThat(rate.fixes())
                .containsExactly("mx2.example.com does not offer STARTTLS: enable STARTTLS on it, with a certificate"
                        + " valid for mx2.example.com");
        assertThat(rate.headline())
                .isEqualTo("TLS failure rate 2.00 % (2 of 100 sessions) is above 1.00 %; failing MX: mx2.example.com");
        assertThat(TlsRptNews.detect("example.com", justAbove, previous, 0.05)).isEmpty();
    }

    @Test
    void nothingNewIsNothing() {
        assertThat(TlsRptNews.detect("example.com", List.of(), List.of(), 0.01)).isEmpty();
        assertThatThrownBy(() -> TlsRptNews.detect("example.com", List.of(), List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
