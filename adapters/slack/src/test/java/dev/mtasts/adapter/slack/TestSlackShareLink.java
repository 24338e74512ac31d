package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.Report;
import dev.mtasts.core.frontend.ShareLinks;
import org.junit.jupiter.api.Test;

/** The report's "Share" link to the web permalink, when {@code http.public-url} is set. */
final class TestSlackShareLink {
    private static final ShareLinks LINKS = ShareLinks.of("https://mtasts.example.org/");

    @Test
    void withAPublicUrlTheParentLinksToThePermalinkOfTheALabelDomain() {
        Report report = TestingReports.failing("xn--bcher-kva.example");
        String json =
                Golden.json(SlackReportFormatter.parent(report, false, LINKS)).toString();
        assertThat(json).contains("<https://mtasts.example.org/report/xn--bcher-kva.example|Share>");
        assertThat(Golden.json(SlackReportFormatter.fallback(report, false, LINKS)
                                .getFirst())
                        .toString())
                .contains("<https://mtasts.example.org/report/xn--bcher-kva.example|Share>");
    }

    @Test
    void withoutAPublicUrlThereIsNoShareLink() {
        Report report = TestingReports.failing("example.com");
        assertThat(Golden.json(SlackReportFormatter.parent(report, false)).toString())
                .doesNotContain("Share>");
        assertThat(Golden.json(SlackReportFormatter.parent(report, false, ShareLinks.none()))
                        .toString())
                .isEqualTo(
                        Golden.json(SlackReportFormatter.parent(report, false)).toString());
    }
}
