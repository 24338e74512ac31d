package dev.mtasts.checks;

import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.TxtAnswer;
import dev.mtasts.spi.TxtAnswer.TxtRecord;
import dev.mtasts.testing.FakeDomainContext;
import dev.mtasts.testing.FakeResponses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A healthy MTA-STS deployment for example.com, to be broken one rule at a time. */
final class Fixtures {
    static final String DOMAIN = "example.com";
    static final String STS = "_mta-sts.example.com";
    static final String TLSRPT = "_smtp._tls.example.com";
    static final String HOST = "mta-sts.example.com";
    static final String ID = "20261101T000000";
    static final String POLICY =
            policy("version: STSv1", "mode: enforce", "mx: mx1.example.com", "mx: mx2.example.com", "max_age: 604800");

    private Fixtures() {}

    /** Every check of the plugin passes on this context. */
    static FakeDomainContext.Builder healthy() {
        return FakeDomainContext.builder(DOMAIN)
                .txt(STS, "v=STSv1; id=" + ID)
                .txt(TLSRPT, "v=TLSRPTv1; rua=mailto:tlsrpt@example.com")
                .mx(DOMAIN, "10 mx1.example.com", "20 mx2.example.com")
                .addresses("mx1.example.com", "192.0.2.10", "2001:db8::10")
                .addresses("mx2.example.com", "192.0.2.11", "2001:db8::11")
                .addresses(HOST, "192.0.2.80", "2001:db8::80")
                .policyFile(FakeResponses.policy(DOMAIN, POLICY).found());
    }

    /** The healthy deployment serving another policy body. */
    static FakeDomainContext.Builder withPolicy(String body) {
        return healthy().policyFile(FakeResponses.policy(DOMAIN, body).found());
    }

    /** Policy lines joined with LF, ending in LF. */
    static String policy(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** A TXT answer whose records are given as lists of character-strings, all with the given TTL. */
    @SafeVarargs
    static LookupResult<TxtAnswer> txt(String name, long ttl, List<String>... records) {
        List<TxtRecord> list = new ArrayList<>();
        for (List<String> strings : records) {
            list.add(new TxtRecord(strings, ttl));
        }
        return LookupResult.found(new TxtAnswer(name, list, List.of()));
    }

    /** A TXT answer reached through CNAMEs. */
    static LookupResult<TxtAnswer> txtVia(String name, List<String> chain, String... records) {
        List<TxtRecord> list = Arrays.stream(records)
                .map(text -> new TxtRecord(List.of(text), 3600))
                .toList();
        return LookupResult.found(new TxtAnswer(name, list, chain));
    }

    /** Runs a check; a skipped check yields no findings. */
    static List<Finding> findings(Check check, DomainContext context) {
        return switch (check.run(context)) {
            case CheckResult.Completed completed -> completed.findings();
            case CheckResult.Skipped skipped -> List.of();
        };
    }

    /** Runs every check of the plugin and collects all findings. */
    static List<Finding> allFindings(DomainContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Check check : new MtaStsCheckPlugin().checks()) {
            findings.addAll(findings(check, context));
        }
        return findings;
    }
}
