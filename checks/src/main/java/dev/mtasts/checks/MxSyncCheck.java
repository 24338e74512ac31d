package dev.mtasts.checks;

import dev.mtasts.checks.policy.MxEntry;
import dev.mtasts.checks.policy.MxPattern;
import dev.mtasts.checks.policy.MxPatterns;
import dev.mtasts.checks.policy.Policies;
import dev.mtasts.checks.policy.PolicyAnalysis;
import dev.mtasts.checks.policy.PolicyDocument;
import dev.mtasts.checks.policy.PolicyMode;
import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.MxAnswer.MxRecord;
import dev.mtasts.spi.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code mx-sync}: the domain's real MX hosts against the policy's {@code mx} patterns, rules M1–M6 of the
 * checklist (RFC 8461 §4.1). Every MX at every preference is checked (backup MX problems otherwise show only when
 * the primary fails, §8.4), with {@link MxPatterns} matching exactly one label per wildcard.
 */
public final class MxSyncCheck implements Check {
    public static final String ID = "mx-sync";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "MX hosts vs policy";
    }

    /** One distinct MX host and the preferences it is published at. */
    private record Host(String name, List<Integer> preferences, long ttlSeconds) {
        String label() {
            return name
                    + (preferences.isEmpty()
                            ? ""
                            : " (preference "
                                    + preferences.stream().map(String::valueOf).collect(Collectors.joining(", "))
                                    + ")");
        }
    }

    @Override
    public CheckResult run(DomainContext context) {
        PolicyAnalysis policy = Policies.analyze(context);
        if (policy.document().isEmpty()) {
            return CheckResult.skipped(
                    "No policy was fetched, so there are no mx patterns to compare: " + policy.notParsedReason() + ".");
        }
        PolicyDocument document = policy.document().get();
        if (document.mode().isEmpty()) {
            return CheckResult.skipped(
                    "The policy has no valid mode, so MX matching cannot be judged (see" + " policy-syntax).");
        }
        PolicyMode mode = document.mode().get();
        String domain = context.domain();
        FixContext fix = FixContext.of(context);
        List<Finding> findings = new ArrayList<>();
        List<Host> hosts;
        LookupResult<MxAnswer> lookup = context.mx(domain);
        switch (lookup) {
            case LookupResult.Found<MxAnswer> found -> {
                MxAnswer answer = found.value();
                if (answer.isNullMx()) {
                    return CheckResult.of(MxSyncCode.MX_NULL.info(
                            domain + " publishes a null MX (\"0 .\"): it accepts no mail (RFC 7505), so MTA-STS has"
                                    + " nothing to protect.",
                            domain + ". MX 0 ."));
                }
                hosts = hosts(answer.records());
                if (hosts.isEmpty()) {
                    findings.add(implicit(domain));
                    hosts = List.of(new Host(domain, List.of(), 0));
                }
            }
            case LookupResult.NotFound<MxAnswer> notFound -> {
                findings.add(implicit(domain));
                hosts = List.of(new Host(domain, List.of(), 0));
            }
            case LookupResult.Failed<MxAnswer> failed -> {
                return CheckResult.of(MxSyncCode.MX_LOOKUP_FAILED.problem(
                        Severity.WARN,
                        "The MX lookup of " + domain + " failed (" + failed.detail() + "), so the MX hosts could not"
                                + " be compared with the policy.",
                        failed.detail(),
                        "Check that the domain's name servers answer MX queries (dig " + domain + " MX), then run"
                                + " the check again.",
                        fix));
            }
        }
        List<MxPattern> patterns = document.patterns();
        List<Host> unmatched = new ArrayList<>();
        Map<MxPattern, List<String>> matchedBy = new LinkedHashMap<>();
        patterns.forEach(pattern -> matchedBy.put(pattern, new ArrayList<>()));
        for (Host host : hosts) {
            List<MxPattern> matching = patterns.stream()
                    .filter(pattern -> pattern.matches(host.name()))
                    .toList();
            matching.forEach(pattern ->
                    matchedBy.computeIfAbsent(pattern, key -> new ArrayList<>()).add(host.name()));
            if (matching.isEmpty()) {
                unmatched.add(host);
            }
        }
        for (Host host : unmatched) {
            findings.add(unmatched(context, policy, document, mode, host, unmatched.size() == hosts.size(), fix));
        }
        for (Map.Entry<MxPattern, List<String>> entry : matchedBy.entrySet()) {
            if (entry.getValue().isEmpty()) {
                findings.add(stale(context, policy, mode, entry.getKey(), hosts, fix));
            }
        }
        List<MxPattern> wildcards =
                patterns.stream().filter(MxPattern::wildcard).distinct().toList();
        if (!wildcards.isEmpty()) {
            findings.add(MxSyncCode.MX_PATTERN_WILDCARD.info(
                    "The pattern" + (wildcards.size() == 1 ? " " : "s ")
                            + wildcards.stream().map(MxPattern::value).collect(Collectors.joining(", "))
                            + " accept" + (wildcards.size() == 1 ? "s" : "") + " any host exactly one label below,"
                            + " if it presents a valid certificate for its name (RFC 8461 §10.4). That is"
                            + " convenient; list exact hosts if others can get certificates under that name.",
                    ""));
        }
        List<Host> unresolvable = new ArrayList<>();
        int lookupLimit = context.mxLookupLimit();
        List<Host> examined = hosts.size() > lookupLimit ? hosts.subList(0, lookupLimit) : hosts;
        if (examined.size() < hosts.size()) {
            int skipped = hosts.size() - examined.size();
            findings.add(MxSyncCode.MX_HOSTS_NOT_EXAMINED.info(
                    skipped + " of the " + hosts.size() + " MX hosts of " + domain + " were not examined: the bot"
                            + " looks up the addresses of at most " + lookupLimit + " MX hosts per domain, in"
                            + " preference order. Senders rarely try more than a few.",
                    "first not examined: " + hosts.get(lookupLimit).label()));
        }
        for (Host host : examined) {
            LookupResult<AddressAnswer> addresses = context.addresses(host.name());
            switch (addresses) {
                case LookupResult.Found<AddressAnswer> found -> {
                    if (found.value().addresses().isEmpty()) {
                        unresolvable.add(host);
                    }
                }
                case LookupResult.NotFound<AddressAnswer> notFound -> unresolvable.add(host);
                case LookupResult.Failed<AddressAnswer> failed ->
                    findings.add(MxSyncCode.MX_HOST_LOOKUP_FAILED.problem(
                            Severity.WARN,
                            "The address lookup of MX " + host.label() + " failed (" + failed.detail() + "), so it"
                                    + " could not be checked.",
                            failed.detail(),
                            "Check the DNS of " + host.name() + " (dig " + host.name() + " A and AAAA), then run the"
                                    + " check again.",
                            fix));
            }
        }
        boolean noneResolves = unresolvable.size() == examined.size();
        for (Host host : unresolvable) {
            findings.add(MxSyncCode.MX_HOST_UNRESOLVABLE.problem(
                    noneResolves ? Severity.FAIL : Severity.WARN,
                    "MX " + host.label() + " has no A or AAAA record, so no sender can deliver to it, with or"
                            + " without MTA-STS."
                            + (noneResolves ? " No MX host of " + domain + " resolves: mail cannot be delivered." : ""),
                    mxEvidence(domain, host),
                    "Publish A and/or AAAA records for " + host.name() + ", or remove it from the MX records of "
                            + domain + ".",
                    host.ttlSeconds() > 0 ? fix.withOtherTtl(host.ttlSeconds()) : fix));
        }
        if (unmatched.isEmpty()) {
            findings.add(MxSyncCode.MX_SYNC_OK
                    .pass((hosts.size() == 1
                                    ? "The MX host matches the policy: "
                                    : "All " + hosts.size() + " MX hosts match the policy: ")
                            + pairs(hosts, patterns) + ".")
                    .withEvidence(
                            hosts.stream().map(host -> mxEvidence(domain, host)).collect(Collectors.joining("\n"))));
        }
        return Findings.result(findings);
    }

    private static List<Host> hosts(List<MxRecord> records) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        records.stream()
                .filter(record -> !record.host().isEmpty())
                .sorted(java.util.Comparator.comparingInt(MxRecord::preference)
                        .thenComparing(record -> MxPatterns.normalize(record.host())))
                .forEach(record -> {
                    String name = MxPatterns.normalize(record.host());
                    Host existing = hosts.get(name);
                    if (existing == null) {
                        hosts.put(name, new Host(name, List.of(record.preference()), record.ttlSeconds()));
                    } else {
                        List<Integer> preferences = new ArrayList<>(existing.preferences());
                        preferences.add(record.preference());
                        hosts.put(name, new Host(name, preferences, existing.ttlSeconds()));
                    }
                });
        return List.copyOf(hosts.values());
    }

    private static Finding implicit(String domain) {
        return MxSyncCode.MX_IMPLICIT.info(
                domain + " has no MX records, so mail goes to " + domain + " itself (the implicit MX, RFC 5321"
                        + " §5.1). It must match an mx pattern like any MX.",
                "");
    }

    private static Finding unmatched(
            DomainContext context,
            PolicyAnalysis policy,
            PolicyDocument document,
            PolicyMode mode,
            Host host,
            boolean all,
            FixContext fix) {
        String domain = context.domain();
        String why = hint(document, host.name());
        String message =
                "MX " + host.label() + " matches no mx pattern in the policy (" + patternList(document) + ")." + why;
        Severity severity =
                switch (mode) {
                    case ENFORCE -> Severity.FAIL;
                    case TESTING -> Severity.WARN;
                    case NONE -> Severity.INFO;
                };
        message += switch (mode) {
            case ENFORCE ->
                all
                        ? " In enforce mode compliant senders refuse every MX of " + domain + ", so they cannot"
                                + " deliver any mail to it."
                        : " In enforce mode compliant senders refuse to deliver to it; mail that needs this host"
                                + " (for example when the others are down) is delayed or bounced.";
            case TESTING ->
                " In testing mode senders still deliver but report a failure; in enforce mode they would refuse"
                        + " this host.";
            case NONE -> " Mode none has no effect now; this would fail in testing or enforce mode.";
        };
        String parent = host.name().substring(host.name().indexOf('.') + 1);
        String wildcard = host.name().indexOf('.') > 0 && parent.contains(".")
                ? " (or \"mx: *." + parent + "\" to cover every host directly under " + parent + ")"
                : "";
        String action = "Add the line \"mx: " + host.name() + "\"" + wildcard + " to " + policy.url()
                + ", then publish a new id so senders fetch it: "
                + Suggestions.newIdRecord(context)
                + ". If the host should not receive mail, remove it from the MX records instead.";
        String evidence = mxEvidence(domain, host) + "\npolicy: "
                + (document.mx().isEmpty()
                        ? "(no mx lines)"
                        : document.mx().stream()
                                .map(entry -> "mx: " + entry.value())
                                .collect(Collectors.joining(", ")));
        return MxSyncCode.MX_UNMATCHED.problem(severity, message, evidence, action, fix);
    }

    /** Why a host matches nothing, when a pattern nearly covers it. */
    private static String hint(PolicyDocument document, String host) {
        for (MxPattern pattern : document.patterns()) {
            if (MxPatterns.coversOnlyAcrossLabels(pattern.normalized(), host)) {
                return " The pattern " + pattern.value() + " does not cover it: a wildcard matches exactly one label,"
                        + " and " + host + " has more than one label before "
                        + pattern.normalized().substring(2) + ".";
            }
        }
        for (MxEntry entry : document.mx()) {
            if (entry.pattern().isEmpty()
                    && entry.value().toLowerCase(Locale.ROOT).contains(host)) {
                return " The mx line \"" + entry.value() + "\" mentions it but is invalid (see policy-syntax), so it"
                        + " matches nothing.";
            }
        }
        return "";
    }

    private static Finding stale(
            DomainContext context,
            PolicyAnalysis policy,
            PolicyMode mode,
            MxPattern pattern,
            List<Host> hosts,
            FixContext fix) {
        String message = "The pattern " + pattern.value() + " matches none of the domain's MX hosts ("
                + hosts.stream().map(Host::name).collect(Collectors.joining(", ")) + "). It does not break"
                + " delivery, but a forgotten pattern lets a host you may no longer control pass MX matching.";
        String action = "Remove the line \"mx: " + pattern.value() + "\" from " + policy.url()
                + " if that host is gone, then publish a new id: "
                + Suggestions.newIdRecord(context)
                + ". Keep it if it is a standby you are about to add to the MX records.";
        Severity severity = mode == PolicyMode.NONE ? Severity.INFO : Severity.WARN;
        return MxSyncCode.MX_PATTERN_STALE.problem(severity, message, "mx: " + pattern.value(), action, fix);
    }

    private static String patternList(PolicyDocument document) {
        if (document.mx().isEmpty()) {
            return "it has no mx lines";
        }
        return document.mx().stream().map(MxEntry::value).collect(Collectors.joining(", "));
    }

    private static String pairs(List<Host> hosts, List<MxPattern> patterns) {
        return hosts.stream()
                .map(host -> host.name() + " → "
                        + patterns.stream()
                                .filter(pattern -> pattern.matches(host.name()))
                                .map(MxPattern::value)
                                .findFirst()
                                .orElse("(none)"))
                .collect(Collectors.joining(", "));
    }

    private static String mxEvidence(String domain, Host host) {
        if (host.preferences().isEmpty()) {
            return domain + ". (no MX: implicit MX " + host.name() + ")";
        }
        return host.preferences().stream()
                .map(preference -> domain + ". " + host.ttlSeconds() + " IN MX " + preference + " " + host.name() + ".")
                .collect(Collectors.joining("\n"));
    }
}
