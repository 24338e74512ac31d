package dev.mtasts.checks.policy;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The policy fetch and its content as a sender sees them, computed once per command by {@link Policies#analyze}.
 *
 * @param host the policy host, {@code mta-sts.<domain>}
 * @param url the policy URL
 * @param fetch the raw fetch
 * @param fetchProblems why senders refuse the response; empty when they accept it
 * @param document the parsed body, present when a complete 200 body was read (even if the fetch has other
 *     problems, such as a bad certificate, so that every problem shows at once)
 * @param notParsedReason why there is no document; empty when there is one
 */
public record PolicyAnalysis(
        String host,
        String url,
        LookupResult<HttpsResponse> fetch,
        List<FetchProblem> fetchProblems,
        Optional<PolicyDocument> document,
        String notParsedReason) {
    public PolicyAnalysis {
        requireNonNull(host, "host is null");
        requireNonNull(url, "url is null");
        requireNonNull(fetch, "fetch is null");
        fetchProblems = List.copyOf(requireNonNull(fetchProblems, "fetchProblems is null"));
        requireNonNull(document, "document is null");
        requireNonNull(notParsedReason, "notParsedReason is null");
    }

    /** The HTTPS response, when the server answered at all. */
    public Optional<HttpsResponse> response() {
        return fetch.found();
    }

    /** Whether senders accept the fetched response (before reading its content). */
    public boolean fetchUsable() {
        return response().isPresent() && fetchProblems.isEmpty();
    }

    /** Whether a sender that reached this far applies the policy: the fetch is usable and the policy is valid. */
    public boolean applies() {
        return fetchUsable() && document.map(PolicyDocument::valid).orElse(false);
    }

    /** The policy senders apply; empty when the fetch fails or the policy is invalid. */
    public Optional<PolicyDocument> policy() {
        return applies() ? document : Optional.empty();
    }

    /**
     * What a sender concludes after fetching, as a phrase: {@code the fetch fails (certificate expired ...)}, {@code
     * the policy file is invalid (mode missing)} or a summary of the policy.
     */
    public String senderConclusion() {
        if (!fetchUsable()) {
            if (fetchProblems.isEmpty()) {
                return "the fetch fails (" + fetch.describe() + ")";
            }
            return "the fetch fails ("
                    + fetchProblems.stream().map(FetchProblem::summary).collect(Collectors.joining("; ")) + ")";
        }
        PolicyDocument policy = document.orElseThrow();
        if (!policy.valid()) {
            return "the policy file is invalid ("
                    + policy.firstFatalProblem().orElseThrow().summary() + ")";
        }
        long maxAge = policy.maxAge().orElseThrow();
        return "mode " + policy.mode().orElseThrow().value() + ", max_age " + maxAge + " ("
                + Durations.describe(maxAge) + "), " + policy.patterns().size() + " mx pattern"
                + (policy.patterns().size() == 1 ? "" : "s");
    }
}
