package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import dev.mtasts.spi.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestPolicyFile {
    @Test
    void theValidPolicysQuoteIsTheFile() {
        assertThat(PolicyFile.from(SampleChecks.report())).isEqualTo(new PolicyFile.Fetched(SampleChecks.POLICY_BODY));
    }

    @Test
    void otherwiseEvidenceThatIsAWholePolicyServes() {
        Finding quoted = Finding.info("policy-mode-none", "mode none").withEvidence("version: STSv1\nmode: none\n");
        Finding line = Finding.info("policy-note", "a note").withEvidence("mode: none");

        PolicyFile policy = PolicyFile.from(report(
                Optional.empty(),
                CheckReport.completed("policy-syntax", "Policy syntax", Duration.ZERO, List.of(line, quoted))));

        assertThat(policy).isEqualTo(new PolicyFile.Fetched("version: STSv1\nmode: none\n"));
    }

    @Test
    void anInvalidPolicyIsExplainedByTheSyntaxCheck() {
        Finding syntax =
                Finding.info("policy-syntax-note", "line 2: unknown key 'mdoe'").withEvidence("mdoe: enforce");

        PolicyFile policy = PolicyFile.from(report(
                Optional.empty(),
                CheckReport.completed(
                        "policy-fetch", "Policy fetch", Duration.ZERO, List.of(SampleChecks.policyFetched())),
                CheckReport.completed("policy-syntax", "Policy syntax", Duration.ZERO, List.of(syntax))));

        assertThat(policy)
                .isEqualTo(new PolicyFile.Missing(
                        "the report keeps the policy file only when it is valid; line 2: unknown key 'mdoe'"));
    }

    private static Report report(Optional<dev.mtasts.spi.SenderView> sender, CheckReport... checks) {
        return new Report(
                "example.com",
                "example.com",
                Instant.parse("2025-03-01T12:00:00Z"),
                Duration.ZERO,
                sender,
                List.of(checks));
    }
}
