package dev.mtasts.checks;

import dev.mtasts.checks.policy.Policies;
import dev.mtasts.checks.policy.PolicyAnalysis;
import dev.mtasts.checks.policy.PolicyDocument;
import dev.mtasts.checks.policy.PolicyMode;
import dev.mtasts.checks.record.StsRecordAnalysis;
import dev.mtasts.checks.record.TagValueRecords;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.SenderAnalyzer;
import dev.mtasts.spi.SenderView;
import dev.mtasts.spi.SenderView.Outcome;
import java.util.Optional;

/**
 * What an RFC 8461 sender with no cached policy does right now (§3.1, §3.3, §5): it reads {@code _mta-sts}; with
 * exactly one valid record it fetches the policy; with a usable fetch and a valid policy it applies it. Built from
 * the same memoised analyses as the checks, so the view and the findings never disagree.
 */
public final class MtaStsSenderAnalyzer implements SenderAnalyzer {
    @Override
    public SenderView analyze(DomainContext context) {
        StsRecordAnalysis record = TagValueRecords.STS.analyze(context);
        PolicyAnalysis policy = Policies.analyze(context);
        Optional<SenderView.Policy> parsed = parsedPolicy(record, policy);
        if (!record.usable()) {
            return new SenderView(
                    Outcome.NONE, "Senders see no policy: " + record.senderConclusion() + ".", parsed, record.id());
        }
        // a fetch that failed, or a policy senders reject: both leave them without a policy
        Optional<PolicyDocument> document =
                policy.fetchUsable() ? policy.document().filter(PolicyDocument::valid) : Optional.empty();
        if (document.isEmpty()) {
            return new SenderView(
                    Outcome.FETCH_ERROR,
                    "Senders will not apply the policy: " + policy.senderConclusion() + ". They deliver as if the"
                            + " domain had no MTA-STS, unless they cached an earlier policy.",
                    parsed,
                    record.id());
        }
        PolicyMode mode = document.get().mode().orElseThrow();
        String effect =
                switch (mode) {
                    case ENFORCE ->
                        "they deliver only to MX hosts that match the policy and present a valid certificate";
                    case TESTING -> "they deliver as before and report MX or certificate failures";
                    case NONE -> "mode none tells them to treat the domain as having no active policy";
                };
        return new SenderView(
                Outcome.VALID,
                "Senders apply the policy (id=" + record.id().orElseThrow() + ", " + policy.senderConclusion() + "): "
                        + effect + ".",
                parsed);
    }

    /** The policy as fetched and parsed, when the body is a valid policy (whatever else is wrong). */
    private static Optional<SenderView.Policy> parsedPolicy(StsRecordAnalysis record, PolicyAnalysis policy) {
        return policy.document()
                .filter(PolicyDocument::valid)
                .map(document -> new SenderView.Policy(
                        record.id().orElse(""),
                        document.mode().orElseThrow().value(),
                        document.maxAge().orElseThrow(),
                        document.mxValues()));
    }
}
