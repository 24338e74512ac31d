package dev.mtasts.checks;

import dev.mtasts.checks.policy.Policies;
import dev.mtasts.checks.policy.PolicyDocument;
import dev.mtasts.checks.policy.PolicyMode;
import dev.mtasts.checks.record.RecordStatus;
import dev.mtasts.checks.record.TagValueRecords;
import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.CertificateInfo;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.Dane;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.MxAnswer.MxRecord;
import dev.mtasts.spi.Severity;
import dev.mtasts.spi.SmtpAddressProbes;
import dev.mtasts.spi.SmtpProbe;
import dev.mtasts.spi.TlsDetails;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code mx-tls}: what enforcement will actually meet at each MX host (RFC 8461 §4 and §7, rules S1–S4 of the
 * checklist). Every MX host at every preference (backup MX hosts are where surprises hide, M5), up to the engine's
 * probe limit, is probed as a sending MTA would: port 25, EHLO, STARTTLS, a handshake with SNI set to the MX name,
 * the certificate judged for that name. Severity follows the policy mode: a problem that makes senders refuse a host
 * fails in enforce mode, warns in testing mode and is information in mode none or without a policy; what may be
 * the bot's own situation (port 25 blocked where it runs, a greeting refusing its address) and early warnings
 * (a certificate about to expire, old TLS) never go beyond warn.
 */
public final class MxTlsCheck implements Check {
    public static final String ID = "mx-tls";

    /** How soon before expiry a certificate is worth a warning. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private static final Set<String> OLD_PROTOCOLS = Set.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "MX STARTTLS and certificates";
    }

    /**
     * One MX host as senders try it.
     *
     * @param preferences the preferences it is published at; empty for the implicit MX
     */
    private record Host(String name, List<Integer> preferences, String address) {
        Host(String name, List<Integer> preferences) {
            this(name, preferences, "");
        }

        /** The same host, for findings about one of its addresses. */
        Host at(InetAddress where) {
            return new Host(name, preferences, where.getHostAddress());
        }

        String label() {
            String at = address.isEmpty() ? "" : " at " + address;
            if (preferences.isEmpty()) {
                return name + at + " (the implicit MX)";
            }
            return name + at + " (preference "
                    + preferences.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** What the check concluded about one host before it turns into findings. */
    private sealed interface Result {
        Host host();
    }

    private record Probed(Host host, SmtpProbe probe) implements Result {}

    private record Unreached(Host host, String detail) implements Result {}

    private record Other(Host host, List<Finding> findings) implements Result {}

    @Override
    public CheckResult run(DomainContext context) {
        if (context.smtpProbeLimit() <= 0) {
            return CheckResult.skipped("MX probing is turned off in this bot's configuration.");
        }
        int limit = Math.min(context.smtpProbeLimit(), context.mxLookupLimit());
        String domain = context.domain();
        List<Host> hosts;
        switch (context.mx(domain)) {
            case LookupResult.Found<MxAnswer> found -> {
                if (found.value().isNullMx()) {
                    return CheckResult.skipped(
                            domain + " publishes a null MX (\"0 .\"): it accepts no mail, so there is no MX to probe.");
                }
                hosts = hosts(found.value().records());
                if (hosts.isEmpty()) {
                    hosts = List.of(new Host(domain, List.of()));
                }
            }
            case LookupResult.NotFound<MxAnswer> notFound -> hosts = List.of(new Host(domain, List.of()));
            case LookupResult.Failed<MxAnswer> failed -> {
                return CheckResult.skipped("The MX lookup of " + domain + " failed (" + failed.detail()
                        + "), so there are no MX hosts to probe.");
            }
        }
        Optional<PolicyMode> mode = mode(context);
        FixContext fix = FixContext.of(context);
        List<Result> results = new ArrayList<>();
        List<String> ipv6Unrouted = new ArrayList<>();
        for (Host host : hosts.subList(0, Math.min(limit, hosts.size()))) {
            results.addAll(probe(context, host, mode, fix, ipv6Unrouted));
        }
        if (hosts.size() > limit) {
            List<Host> rest = hosts.subList(limit, hosts.size());
            // one finding for all of them: a domain may publish thousands of MX hosts
            results.add(new Other(
                    rest.getFirst(),
                    List.of(MxTlsCode.MX_NOT_PROBED.info(
                            (rest.size() == 1
                                            ? "MX " + rest.getFirst().label() + " was not probed"
                                            : rest.size() + " more MX hosts were not probed")
                                    + ": this bot probes at most " + limit + " MX hosts per domain, in"
                                    + " preference order.",
                            rest.stream().limit(20).map(Host::label).collect(Collectors.joining("\n"))
                                    + (rest.size() > 20 ? "\n... and " + (rest.size() - 20) + " more" : "")))));
        }
        boolean anyConnected = results.stream().anyMatch(result -> result instanceof Probed);
        List<Finding> findings = new ArrayList<>();
        List<Unreached> unreached = new ArrayList<>();
        java.util.SortedSet<String> expiring = new java.util.TreeSet<>();
        for (Result result : results) {
            switch (result) {
                case Probed probed -> {
                    List<Finding> judged = judge(context, probed.host(), probed.probe(), mode, fix);
                    if (judged.stream().anyMatch(finding -> finding.code().equals(MxTlsCode.MX_CERT_EXPIRING.code()))) {
                        expiring.add(probed.host().name());
                    }
                    findings.addAll(judged);
                }
                case Unreached missed -> {
                    if (anyConnected) {
                        findings.add(unreachable(missed, mode, fix));
                    } else {
                        unreached.add(missed);
                    }
                }
                case Other other -> findings.addAll(other.findings());
            }
        }
        if (!unreached.isEmpty()) {
            findings.add(blocked(unreached, mode, fix));
        }
        if (!ipv6Unrouted.isEmpty()) {
            findings.add(MxTlsCode.MX_IPV6_NOT_PROBED.info(
                    "IPv6 addresses were not probed from here: the bot's machine has no IPv6 route. Senders with"
                            + " IPv6 try them too, so their STARTTLS and certificates are unknown.",
                    String.join("\n", ipv6Unrouted)));
        }
        if (mode.isEmpty() || mode.get() == PolicyMode.NONE) {
            findings.add(MxTlsCode.MX_TLS_NO_POLICY.info(
                    mode.isEmpty()
                            ? domain + " has no MTA-STS policy, so senders do not require any of this today. The"
                                    + " results show what an enforce policy would meet."
                            : domain + "'s policy is in mode none, so senders do not require any of this today. The"
                                    + " results show what testing or enforce mode would meet.",
                    ""));
        }
        return CheckResult.of(findings)
                .withFacts(
                        expiring.isEmpty()
                                ? List.of()
                                : List.of(new Fact.CertificateExpiring(
                                        MxTlsCode.MX_CERT_EXPIRING.code(), List.copyOf(expiring))));
    }

    /**
     * The mode the domain's owner publishes, which senders with a cached policy keep applying even while the live
     * policy is broken (RFC 8461 §3.3): the parsed policy's mode whenever an {@code _mta-sts} record is there at
     * all. Empty when the domain has no MTA-STS record or no readable mode.
     */
    static Optional<PolicyMode> mode(DomainContext context) {
        if (TagValueRecords.STS.analyze(context).status() == RecordStatus.MISSING) {
            return Optional.empty();
        }
        return Policies.analyze(context).document().flatMap(PolicyDocument::mode);
    }

    /** The MX hosts in the order senders try them: by preference, then by name, each once. */
    private static List<Host> hosts(List<MxRecord> records) {
        Map<String, List<Integer>> preferences = new LinkedHashMap<>();
        records.stream()
                .filter(record -> !record.host().isEmpty())
                .sorted(Comparator.comparingInt(MxRecord::preference).thenComparing(record -> normalize(record.host())))
                .forEach(record -> preferences
                        .computeIfAbsent(normalize(record.host()), name -> new ArrayList<>())
                        .add(record.preference()));
        return preferences.entrySet().stream()
                .map(entry -> new Host(entry.getKey(), List.copyOf(entry.getValue())))
                .toList();
    }

    private static List<Result> probe(
            DomainContext context, Host host, Optional<PolicyMode> mode, FixContext fix, List<String> ipv6Unrouted) {
        String name = host.name();
        switch (context.addresses(name)) {
            case LookupResult.Found<AddressAnswer> found -> {
                if (found.value().addresses().isEmpty()) {
                    return List.of(
                            notProbed(host, name + " has no address, so no sender can deliver to it (see mx-sync)."));
                }
            }
            case LookupResult.NotFound<AddressAnswer> notFound -> {
                return List.of(notProbed(
                        host, name + " has no A or AAAA record, so no sender can deliver to it (see mx-sync)."));
            }
            case LookupResult.Failed<AddressAnswer> failed -> {
                return List.of(notProbed(host, "the address lookup of " + name + " failed (" + failed.detail() + ")."));
            }
        }
        Optional<SmtpAddressProbes> each = context.smtpAddresses(name);
        if (each.isEmpty()) {
            LookupResult<SmtpProbe> whole = context.smtp(name);
            List<Result> results = new ArrayList<>(List.of(classify(host, whole, mode, fix)));
            withoutSni(host, whole.found().stream().toList(), fix).ifPresent(results::add);
            return results;
        }
        SmtpAddressProbes probes = each.get();
        probes.ipv6Unrouted().forEach(address -> ipv6Unrouted.add(name + " " + address.getHostAddress()));
        List<SmtpAddressProbes.AddressProbe> probed = probes.probed();
        List<Result> results = new ArrayList<>();
        if (probed.isEmpty()) {
            results.add(notProbed(
                    host,
                    "it has only IPv6 addresses and the bot's machine has no IPv6 route, so its STARTTLS is"
                            + " unknown."));
            return results;
        }
        Result first = classify(host, probed.getFirst().result(), mode, fix);
        if (probed.size() == 1) {
            results.add(first);
        } else {
            List<List<Finding>> alone = probed.stream()
                    .map(probe ->
                            alone(context, classify(host.at(probe.address()), probe.result(), mode, fix), mode, fix))
                    .toList();
            if (alone.stream().map(MxTlsCheck::signature).distinct().count() == 1) {
                results.add(first);
            } else {
                List<Finding> findings = new ArrayList<>();
                alone.forEach(findings::addAll);
                findings.add(split(host, probed, alone, fix));
                results.add(new Other(host, findings));
            }
        }
        withoutSni(
                        host,
                        probed.stream()
                                .flatMap(probe -> probe.result().found().stream())
                                .toList(),
                        fix)
                .ifPresent(results::add);
        if (!probes.overLimit().isEmpty()) {
            results.add(new Other(
                    host,
                    List.of(MxTlsCode.MX_NOT_PROBED.info(
                            "MX " + host.label() + ": " + probes.overLimit().size() + " more address"
                                    + (probes.overLimit().size() == 1 ? " was" : "es were")
                                    + " not probed: this bot probes at most " + probed.size()
                                    + " addresses per MX host, IPv4 first and then in address order.",
                            probes.overLimit().stream()
                                    .map(InetAddress::getHostAddress)
                                    .collect(Collectors.joining("\n"))))));
        }
        return results;
    }

    /**
     * S3 (RFC 8461 §7.1), once per host: the second handshake, without SNI, of the first probe that made one. A
     * refusal while the handshake with SNI worked breaks "Servers MUST NOT enforce the use of SNI"; an accepted one
     * shows the fallback certificate. Nothing when the engine did not make it or did not get that far.
     */
    private static Optional<Result> withoutSni(Host host, List<SmtpProbe> probes, FixContext fix) {
        Optional<SmtpProbe> probe = probes.stream()
                .filter(candidate -> candidate.withoutSni().isPresent())
                .findFirst();
        if (probe.isEmpty()) {
            return Optional.empty();
        }
        SmtpProbe.WithoutSni result = probe.get().withoutSni().orElseThrow();
        String name = host.name();
        String where =
                probe.get().address().getHostAddress() + " port " + probe.get().port();
        Optional<Finding> finding =
                switch (result.result()) {
                    case ACCEPTED -> {
                        TlsDetails tls = result.tls().orElseThrow();
                        CertificateInfo leaf = tls.leaf();
                        yield Optional.of(MxTlsCode.MX_TLS_WITHOUT_SNI.info(
                                "MX " + host.label() + " also completes a TLS handshake without SNI, as RFC 8461"
                                        + " §7.1 asks. Senders that send no SNI get its fallback certificate, "
                                        + (tls.nameMatches()
                                                ? "which is valid for " + name
                                                : "which is not valid for " + name + " (only senders that send SNI"
                                                        + " validate MTA-STS certificates)")
                                        + ".",
                                "handshake without SNI to " + where + "\nTLS: " + tls.protocol() + ", "
                                        + tls.cipherSuite() + "\nsubject: " + leaf.subject() + "\nSANs: "
                                        + (leaf.dnsNames().isEmpty() ? "(none)" : String.join(", ", leaf.dnsNames()))
                                        + "\nissuer: " + leaf.issuer()));
                    }
                    case REFUSED ->
                        Optional.of(MxTlsCode.MX_SNI_REQUIRED.problem(
                                Severity.FAIL,
                                "MX " + host.label() + " completes the TLS handshake when the client sends SNI but"
                                        + " refuses it without SNI (" + lowerFirst(result.detail()) + "). RFC 8461"
                                        + " §7.1: servers must not require SNI and must send a fallback certificate"
                                        + " instead, so senders that send no SNI cannot use TLS with it.",
                                "handshake with SNI " + name + " to " + where + ": completed\nhandshake without SNI: "
                                        + result.detail(),
                                "Give the mail server on " + name + " a default certificate for clients without SNI:"
                                        + " Postfix uses smtpd_tls_chain_files for them (keep tls_server_sni_maps for"
                                        + " the others); Exim uses tls_certificate when tls_sni is empty (do not"
                                        + " expand it to a failure); a TLS proxy in front of it needs a default"
                                        + " certificate (HAProxy: the first crt of the bind line; nginx stream:"
                                        + " ssl_certificate outside any map). Use the certificate for " + name + ".",
                                fix));
                    case NOT_REACHED -> Optional.empty();
                };
        return finding.map(found -> new Other(host, List.of(found)));
    }

    /** The findings of one result as if it were the host's only one. */
    private static List<Finding> alone(
            DomainContext context, Result result, Optional<PolicyMode> mode, FixContext fix) {
        return switch (result) {
            case Probed probed -> judge(context, probed.host(), probed.probe(), mode, fix);
            case Unreached missed -> List.of(unreachable(missed, mode, fix));
            case Other other -> other.findings();
        };
    }

    /** What two addresses must share to count as behaving alike: their finding codes and severities. */
    private static List<String> signature(List<Finding> findings) {
        return findings.stream()
                .map(finding -> finding.code() + "/" + finding.severity())
                .toList();
    }

    /** The summary of a host whose addresses disagree: what a sender does with each. */
    private static Finding split(
            Host host, List<SmtpAddressProbes.AddressProbe> probed, List<List<Finding>> alone, FixContext fix) {
        List<String> bad = new ArrayList<>();
        List<String> good = new ArrayList<>();
        List<Severity> severities = new ArrayList<>();
        StringBuilder evidence = new StringBuilder();
        for (int index = 0; index < probed.size(); index++) {
            String address = probed.get(index).address().getHostAddress();
            Severity worst = Severity.worst(
                    alone.get(index).stream().map(Finding::severity).toList());
            severities.add(worst);
            (worst.isWorseThan(Severity.INFO) ? bad : good).add(address);
            evidence.append(address)
                    .append(": ")
                    .append(alone.get(index).stream()
                            .map(finding ->
                                    finding.code() + " (" + finding.severity().label() + ")")
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        Severity severity = Severity.worst(severities);
        String message = "The addresses of MX " + host.label() + " do not behave alike"
                + (bad.isEmpty() ? "" : ": " + String.join(", ", bad) + " fail" + (bad.size() == 1 ? "s" : ""))
                + (good.isEmpty() ? "" : "; " + String.join(", ", good) + (good.size() == 1 ? " is" : " are") + " fine")
                + ". A sender that meets a bad address refuses it and tries the next one, so delivery is delayed,"
                + " and fails when it has no good address left. Reports (TLS-RPT) show those failures.";
        if (severity == Severity.PASS || severity == Severity.INFO) {
            return MxTlsCode.MX_ADDRESSES_DIFFER.info(
                    message, evidence.toString().strip());
        }
        return MxTlsCode.MX_ADDRESSES_DIFFER.problem(
                severity,
                message,
                evidence.toString().strip(),
                "Make every address of " + host.name() + " serve the same mail server configuration: the same"
                        + " certificate for " + host.name() + " and STARTTLS on each node behind it (a load balancer"
                        + " with one stale node, a second site, a half-finished migration), or remove the address"
                        + " that is not ready from DNS.",
                fix);
    }

    private static Result classify(
            Host host, LookupResult<SmtpProbe> lookup, Optional<PolicyMode> mode, FixContext fix) {
        String name = host.name();
        return switch (lookup) {
            case LookupResult.Found<SmtpProbe> found -> new Probed(host, found.value());
            case LookupResult.NotFound<SmtpProbe> notFound -> notProbed(host, notFound.detail());
            case LookupResult.Failed<SmtpProbe> failed ->
                switch (failed.kind()) {
                    case TIMEOUT, CONNECTION_FAILED -> new Unreached(host, failed.detail());
                    case CONNECTION_REFUSED -> new Other(host, List.of(refused(host, failed.detail(), mode, fix)));
                    case ADDRESS_REFUSED -> new Other(host, List.of(addressRefused(host, failed.detail(), mode, fix)));
                    case DEADLINE ->
                        new Other(
                                host,
                                List.of(MxTlsCode.MX_NOT_PROBED.problem(
                                        capped(mode),
                                        "The probe of MX " + host.label() + " did not finish before the domain's"
                                                + " deadline, so its STARTTLS and certificate are unknown.",
                                        failed.detail(),
                                        "Run the check again; if it keeps running out of time, give it more time"
                                                + " (--timeout).",
                                        fix)));
                    case SERVER_FAILURE, CNAME_LOOP, PROTOCOL_ERROR, TLS_FAILURE -> notProbed(host, failed.detail());
                };
        };
    }

    private static Result notProbed(Host host, String reason) {
        return new Other(
                host, List.of(MxTlsCode.MX_NOT_PROBED.info("MX " + host.label() + " was not probed: " + reason, "")));
    }

    // ---- one probe ----------------------------------------------------------------------------------------------

    private static List<Finding> judge(
            DomainContext context, Host host, SmtpProbe probe, Optional<PolicyMode> mode, FixContext fix) {
        List<Finding> findings = new ArrayList<>(outcome(context, host, probe, mode, fix));
        dane(host, probe, fix).ifPresent(findings::add);
        return findings;
    }

    /** The findings about how far the conversation got, and about the certificate when TLS was established. */
    private static List<Finding> outcome(
            DomainContext context, Host host, SmtpProbe probe, Optional<PolicyMode> mode, FixContext fix) {
        String name = host.name();
        String evidence = evidence(host, probe);
        String effect = effect(mode);
        String stopgap = stopgap(mode);
        Severity required = byMode(mode);
        Severity advisory = capped(mode);
        String detail = probe.detail();
        return switch (probe.outcome()) {
            case TLS_ESTABLISHED ->
                certificate(context, host, probe, probe.tls().orElseThrow(), mode, fix);
            case STARTTLS_NOT_OFFERED ->
                List.of(MxTlsCode.MX_STARTTLS_MISSING.problem(
                        required,
                        "MX " + host.label() + " does not offer STARTTLS: its EHLO reply does not list it. " + effect,
                        evidence,
                        "Turn on STARTTLS on " + name + " with a certificate for that name. Postfix:"
                                + " smtpd_tls_security_level = may and smtpd_tls_chain_files = <key and full chain for "
                                + name + ">, then postfix reload. Exim: tls_advertise_hosts = * with tls_certificate"
                                + " and tls_privatekey. Exchange: Enable-ExchangeCertificate -Services SMTP with a"
                                + " certificate for " + name + "." + stopgap,
                        fix));
            case STARTTLS_REFUSED ->
                List.of(MxTlsCode.MX_STARTTLS_REFUSED.problem(
                        required,
                        "MX " + host.label() + " lists STARTTLS but refuses it (" + afterColon(detail) + "). " + effect,
                        evidence,
                        "A server that offers STARTTLS and then refuses it usually cannot load its certificate or"
                                + " key: look for the TLS error in the mail log of " + name + ", fix the certificate"
                                + " and key paths and permissions (the key must be readable by the mail server), then"
                                + " reload it." + stopgap,
                        fix));
            case TLS_HANDSHAKE_FAILED ->
                List.of(MxTlsCode.MX_TLS_HANDSHAKE_FAILED.problem(
                        required,
                        "MX " + host.label() + " accepts STARTTLS but " + lowerFirst(detail) + ". " + effect,
                        evidence,
                        "Look for the TLS error in the mail log of " + name + ". Make sure it offers TLS 1.2 or"
                                + " 1.3 with current cipher suites (ECDHE with AES-GCM or ChaCha20-Poly1305), and that"
                                + " its certificate and key belong together." + stopgap,
                        fix));
            case TLS_VERSION_TOO_OLD ->
                List.of(MxTlsCode.MX_TLS_OLD.problem(
                        advisory,
                        "MX " + host.label() + ": " + detail + ". Current senders, and MTA-STS senders in"
                                + " particular, cannot use TLS with it.",
                        evidence,
                        oldTlsAction(name),
                        fix));
            case GREETING_MALFORMED ->
                List.of(MxTlsCode.MX_BANNER_GARBAGE.problem(
                        required,
                        "Port " + probe.port() + " of MX " + host.label() + " does not speak SMTP: "
                                + afterColon(detail) + ". " + effect,
                        evidence,
                        "Make port 25 of " + name + " reach the mail server: fix the port forwarding, proxy or load"
                                + " balancer in front of it, or point the MX record at the real mail server.",
                        fix));
            case GREETING_REJECTED ->
                List.of(MxTlsCode.MX_BANNER_REJECTED.problem(
                        advisory,
                        "MX " + host.label() + " refused service in its greeting (" + afterColon(detail) + "), so its"
                                + " STARTTLS could not be tested. It may refuse only this bot's address.",
                        evidence,
                        "If " + name + " refuses everyone, fix its mail server (a 554 greeting means \"no service"
                                + " here\"). If it blocks the bot's address (a block list, cloud address ranges),"
                                + " run the check from an address it accepts.",
                        fix));
            case GREETING_TIMEOUT ->
                List.of(MxTlsCode.MX_BANNER_TIMEOUT.problem(
                        advisory,
                        "MX " + host.label() + ": " + detail + ", so its STARTTLS could not be tested.",
                        evidence,
                        "Check the mail server on " + name + ": an overloaded or stuck server, or a greeting delay"
                                + " (tarpit, postscreen) longer than senders wait, keeps mail out.",
                        fix));
            case EHLO_REJECTED ->
                List.of(MxTlsCode.MX_EHLO_REJECTED.problem(
                        advisory,
                        "MX " + host.label() + " refused the bot's EHLO (" + afterColon(detail) + "), so its"
                                + " STARTTLS could not be tested.",
                        evidence,
                        "If " + name + " refuses EHLO from everyone, fix its mail server: without EHLO no sender"
                                + " can use STARTTLS. If it rejects only the bot's EHLO name or address, allow them.",
                        fix));
            case REPLY_TIMEOUT ->
                List.of(MxTlsCode.MX_SMTP_TIMEOUT.problem(
                        required,
                        "MX " + host.label() + ": " + detail + ". Senders time out the same way. " + effect,
                        evidence,
                        "Check the mail server on " + name + ": a server that hangs after its greeting is usually"
                                + " waiting on something it depends on (a proxy, a milter, a policy or DNS service)."
                                + " Its log shows what.",
                        fix));
            case REPLY_MALFORMED ->
                List.of(MxTlsCode.MX_SMTP_PROTOCOL_ERROR.problem(
                        required,
                        "MX " + host.label() + ": " + detail + ". " + effect,
                        evidence,
                        "Check what answers port 25 of " + name + " (a proxy or load balancer in front of the mail"
                                + " server mangles SMTP) and the mail server's log.",
                        fix));
            case CONNECTION_CLOSED ->
                List.of(MxTlsCode.MX_CONNECTION_CLOSED.problem(
                        advisory,
                        "MX " + host.label() + ": " + detail + ", so its STARTTLS could not be tested. It may do that"
                                + " only to this bot's address.",
                        evidence,
                        "Look in the mail log of " + name + " for why it dropped the connection; limits against"
                                + " unknown clients are a common cause.",
                        fix));
        };
    }

    /** The certificate and protocol of an established session. */
    private static List<Finding> certificate(
            DomainContext context,
            Host host,
            SmtpProbe probe,
            TlsDetails tls,
            Optional<PolicyMode> mode,
            FixContext fix) {
        String name = host.name();
        String evidence = evidence(host, probe);
        String effect = effect(mode);
        String stopgap = stopgap(mode);
        Severity required = byMode(mode);
        Instant now = context.now();
        CertificateInfo leaf = tls.leaf();
        List<Finding> findings = new ArrayList<>();
        boolean expired =
                tls.trust() == TlsDetails.Trust.EXPIRED || leaf.notAfter().isBefore(now);
        boolean notYetValid = tls.trust() == TlsDetails.Trust.NOT_YET_VALID
                || leaf.notBefore().isAfter(now);
        if (expired) {
            findings.add(MxTlsCode.MX_CERT_EXPIRED.problem(
                    required,
                    "The certificate of MX " + host.label() + " expired on " + DATE.format(leaf.notAfter()) + ". "
                            + effect,
                    evidence,
                    "Renew the certificate of " + name + " and reload the mail server (certbot renew, then"
                            + " postfix reload or systemctl reload exim4). Make renewal automatic with a deploy hook"
                            + " that reloads the mail server: it does not notice new files by itself." + stopgap,
                    fix));
        } else if (notYetValid) {
            findings.add(MxTlsCode.MX_CERT_NOT_YET_VALID.problem(
                    required,
                    "The certificate of MX " + host.label() + " is not valid before " + TIME.format(leaf.notBefore())
                            + ". " + effect,
                    evidence,
                    "Install a certificate for " + name + " that is valid now (keep the previous one until the new"
                            + " one starts), and check the clock of the machine that issued it." + stopgap,
                    fix));
        }
        if (tls.trust() == TlsDetails.Trust.UNTRUSTED) {
            findings.add(MxTlsCode.MX_CERT_UNTRUSTED.problem(
                    required,
                    "The certificate of MX " + host.label() + " is not trusted: "
                            + (tls.trustDetail().isBlank() ? "it does not validate" : tls.trustDetail())
                            + " (issuer " + leaf.issuer() + "). " + effect,
                    evidence,
                    "Install a certificate for " + name + " from a public CA (for example Let's Encrypt: certbot"
                            + " certonly -d " + name + ") and serve the full chain, the certificate followed by its"
                            + " intermediates (Postfix: smtpd_tls_chain_files; Exim: tls_certificate ="
                            + " fullchain.pem). Self-signed and private-CA certificates fail MTA-STS." + stopgap,
                    fix));
        }
        if (!tls.nameMatches()) {
            findings.add(MxTlsCode.MX_CERT_NAME_MISMATCH.problem(
                    required,
                    "The certificate of MX " + host.label() + " is not valid for " + name + ": "
                            + (leaf.dnsNames().isEmpty()
                                    ? "it has no DNS names (the subject CN is not used)"
                                    : "its names are " + String.join(", ", leaf.dnsNames()))
                            + ". " + effect,
                    evidence,
                    "Get a certificate whose subject alternative names include " + name + " (certbot certonly -d "
                            + name + ") and install it on the mail server, or point the MX record at a name the"
                            + " certificate covers and list that name in the policy's mx lines." + stopgap,
                    fix));
        }
        if (!expired && !notYetValid) {
            Duration left = Duration.between(now, leaf.notAfter());
            if (left.compareTo(EXPIRY_WARNING) < 0) {
                findings.add(MxTlsCode.MX_CERT_EXPIRING.problem(
                        capped(mode),
                        "The certificate of MX " + host.label() + " expires in " + describe(left) + ", on "
                                + DATE.format(leaf.notAfter()) + ". Once it expires, " + consequence(mode),
                        evidence,
                        "Renew the certificate of " + name + " before " + DATE.format(leaf.notAfter())
                                + " and reload the mail server; check that automatic renewal runs and reloads it.",
                        fix));
            }
        }
        if (OLD_PROTOCOLS.contains(tls.protocol())) {
            findings.add(MxTlsCode.MX_TLS_OLD.problem(
                    capped(mode),
                    "MX " + host.label() + " negotiated " + tls.protocol() + ", and nothing newer; RFC 8461 §7.2"
                            + " requires TLS 1.2 or later.",
                    evidence,
                    oldTlsAction(name),
                    fix));
        }
        if (findings.isEmpty()) {
            findings.add(MxTlsCode.MX_TLS_OK
                    .pass("MX " + host.label() + " offers STARTTLS with " + tls.protocol() + "; its certificate is"
                            + " trusted, valid for " + name + ", and expires on " + DATE.format(leaf.notAfter())
                            + ".")
                    .withEvidence(evidence));
        }
        return findings;
    }

    /**
     * The DANE verdict (rule S5), whatever the policy mode: a DANE sender refuses a host whose signed TLSA records do
     * not match, and MTA-STS does not override that. Nothing when there are no TLSA records or nothing to compare.
     */
    private static Optional<Finding> dane(Host host, SmtpProbe probe, FixContext fix) {
        Dane dane = probe.dane();
        String name = host.name();
        String owner = "_25._tcp." + name;
        String evidence = dane.records().stream()
                .map(record -> owner + ". TLSA " + record)
                .collect(Collectors.joining("\n"));
        return switch (dane.status()) {
            case NO_RECORDS -> Optional.empty();
            case NOT_CHECKED -> {
                if (dane.records().isEmpty()) {
                    yield Optional.empty();
                }
                yield Optional.of(MxTlsCode.MX_DANE_NO_TLS.problem(
                        Severity.FAIL,
                        "MX " + host.label() + " publishes DNSSEC-signed TLSA records at " + owner + ", which make TLS"
                                + " mandatory for DANE senders, but no TLS session could be made with it: DANE"
                                + " senders do not deliver to it, whatever the MTA-STS policy says.",
                        evidence,
                        "Make STARTTLS work on " + name + " with a certificate matching those TLSA records (see the"
                                + " other findings for this host), or remove the TLSA records (keep the old ones"
                                + " until their TTL has passed) if DANE is not wanted.",
                        fix));
            }
            case MATCH ->
                Optional.of(MxTlsCode.MX_DANE_OK
                        .pass("MX " + host.label() + " matches its DNSSEC-signed TLSA records: " + dane.detail() + ".")
                        .withEvidence(evidence));
            case MISMATCH ->
                Optional.of(MxTlsCode.MX_DANE_MISMATCH.problem(
                        Severity.FAIL,
                        "The certificate chain of MX " + host.label() + " does not match its DNSSEC-signed TLSA"
                                + " records at " + owner + " (" + dane.detail() + "). DANE senders refuse to deliver"
                                + " to it, and MTA-STS cannot override a failing DANE check (RFC 8461 §2).",
                        evidence + "\n" + evidence(host, probe),
                        "Publish a TLSA record for the certificate " + name + " presents now, next to the old ones,"
                                + " for example \"" + owner + ". IN TLSA 3 1 1 <SHA-256 of its public key>\" (openssl"
                                + " x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl"
                                + " dgst -sha256), or serve the certificate the records describe. On each key"
                                + " change, publish the new record at least two TTLs before switching keys (RFC 7671"
                                + " §8.1).",
                        fix));
            case NOT_SIGNED ->
                Optional.of(MxTlsCode.MX_DANE_UNSIGNED.info(
                        "MX " + host.label() + " has TLSA records at " + owner + " that were not validated with"
                                + " DNSSEC (" + dane.detail() + "), so senders ignore them. If the zone is signed,"
                                + " the bot's resolver may not validate: point it at a validating resolver to have"
                                + " DANE checked.",
                        evidence));
            case UNUSABLE ->
                Optional.of(MxTlsCode.MX_DANE_UNUSABLE.info(
                        "MX " + host.label() + " has DNSSEC-signed TLSA records, but " + dane.detail()
                                + ": DANE senders require TLS from it but do not authenticate it (RFC 7672 §3.1.3).",
                        evidence));
            case LOOKUP_FAILED ->
                Optional.of(MxTlsCode.MX_DANE_LOOKUP_FAILED.info(
                        "DANE could not be judged for MX " + host.label() + ": " + dane.detail() + ".", ""));
        };
    }

    // ---- failures before a conversation ----------------------------------------------------------------------

    private static Finding blocked(List<Unreached> hosts, Optional<PolicyMode> mode, FixContext fix) {
        String names = hosts.stream().map(unreached -> unreached.host().name()).collect(Collectors.joining(", "));
        return MxTlsCode.MX_PORT25_BLOCKED.problem(
                capped(mode),
                "Could not reach port 25 of " + names + ": outbound SMTP may be blocked where the bot runs, so"
                        + " the STARTTLS and certificate " + (hosts.size() == 1 ? "of this MX" : "of these MX hosts")
                        + " are unknown.",
                hosts.stream()
                        .map(unreached -> "MX " + unreached.host().label() + ": " + unreached.detail())
                        .collect(Collectors.joining("\n")),
                "Nothing points at the domain yet. Run the check from a network that allows outbound port 25 (many"
                        + " cloud providers block it by default and lift the block on request), for example from a"
                        + " mail server of your own.",
                fix);
    }

    private static Finding unreachable(Unreached unreached, Optional<PolicyMode> mode, FixContext fix) {
        String name = unreached.host().name();
        return MxTlsCode.MX_UNREACHABLE.problem(
                capped(mode),
                "Could not reach port 25 of MX " + unreached.host().label() + ", although other MX hosts answered:"
                        + " it may be down, or drop connections from some addresses.",
                "MX " + unreached.host().label() + ": " + unreached.detail(),
                "Check that " + name + " is up and that its firewall accepts port 25 from the internet (nc -vz " + name
                        + " 25 from outside your network); remove it from the MX records if it is retired.",
                fix);
    }

    private static Finding refused(Host host, String detail, Optional<PolicyMode> mode, FixContext fix) {
        return MxTlsCode.MX_CONNECTION_REFUSED.problem(
                byMode(mode),
                "MX " + host.label() + " refuses connections on port 25, so no sender can deliver to it. "
                        + effect(mode),
                "MX " + host.label() + ": " + detail,
                "Start the mail server on " + host.name() + " or open port 25, or remove the host from the MX"
                        + " records (and from the policy's mx lines).",
                fix);
    }

    private static Finding addressRefused(Host host, String detail, Optional<PolicyMode> mode, FixContext fix) {
        return MxTlsCode.MX_ADDRESS_REFUSED.problem(
                capped(mode),
                "MX " + host.label() + " resolves only to addresses the bot does not connect to, and senders on"
                        + " the internet cannot reach either: " + afterColon(detail),
                "MX " + host.label() + ": " + detail,
                "Publish public A/AAAA records for " + host.name() + ". If the bot runs inside your network on"
                        + " purpose, allow the range with --allow-address (network.allow-addresses).",
                fix);
    }

    // ---- wording ------------------------------------------------------------------------------------------------

    /** Fail in enforce mode, warn in testing, info in none or without a policy. */
    private static Severity byMode(Optional<PolicyMode> mode) {
        if (mode.isEmpty()) {
            return Severity.INFO;
        }
        return switch (mode.get()) {
            case ENFORCE -> Severity.FAIL;
            case TESTING -> Severity.WARN;
            case NONE -> Severity.INFO;
        };
    }

    /** Like {@link #byMode} but never beyond warn: early warnings, and what may be the bot's own situation. */
    private static Severity capped(Optional<PolicyMode> mode) {
        Severity severity = byMode(mode);
        return severity == Severity.FAIL ? Severity.WARN : severity;
    }

    /** What senders do about a host that fails, for the message. */
    private static String effect(Optional<PolicyMode> mode) {
        if (mode.isEmpty()) {
            return "No MTA-STS policy applies, so nothing changes today; under an enforce policy senders would refuse"
                    + " this host.";
        }
        return switch (mode.get()) {
            case ENFORCE -> "In enforce mode MTA-STS senders refuse to deliver to it.";
            case TESTING ->
                "In testing mode senders still deliver and report the failure; in enforce mode they would refuse"
                        + " this host.";
            case NONE -> "Mode none has no effect now; in testing or enforce mode this host would fail.";
        };
    }

    private static String consequence(Optional<PolicyMode> mode) {
        if (mode.isPresent() && mode.get() == PolicyMode.ENFORCE) {
            return "MTA-STS senders refuse to deliver to this host.";
        }
        return "MTA-STS senders in enforce mode would refuse this host.";
    }

    /** In enforce mode, how to keep mail flowing until the fix is in. */
    private static String stopgap(Optional<PolicyMode> mode) {
        if (mode.isPresent() && mode.get() == PolicyMode.ENFORCE) {
            return " Until it is fixed, senders refuse this host; if it is the only MX, switch the policy to mode:"
                    + " testing (and publish a new id) to let mail through.";
        }
        return "";
    }

    private static String oldTlsAction(String name) {
        return "Enable TLS 1.2 and 1.3 on " + name + ": upgrade the mail server or its TLS library if it predates"
                + " TLS 1.2 (OpenSSL before 1.0.1), and remove any setting that caps the protocol version (Postfix:"
                + " smtpd_tls_protocols must not exclude TLSv1.2; Windows/Exchange: enable TLS 1.2 in SCHANNEL).";
    }

    /** The evidence for one probe: where it connected, what it saw, and the certificate when there was one. */
    private static String evidence(Host host, SmtpProbe probe) {
        List<String> lines = new ArrayList<>();
        lines.add("MX " + host.label() + ": " + probe.address().getHostAddress() + " port " + probe.port());
        Optional<TlsDetails> tls = probe.tls();
        if (tls.isEmpty()) {
            lines.addAll(probe.transcript());
            return String.join("\n", lines);
        }
        if (!probe.banner().isEmpty()) {
            lines.add("banner: " + probe.banner());
        }
        CertificateInfo leaf = tls.get().leaf();
        lines.add("STARTTLS: offered");
        lines.add("TLS: " + tls.get().protocol() + ", " + tls.get().cipherSuite());
        lines.add("subject: " + leaf.subject());
        lines.add("SANs: " + (leaf.dnsNames().isEmpty() ? "(none)" : String.join(", ", leaf.dnsNames())));
        lines.add("issuer: " + leaf.issuer());
        lines.add("notAfter: " + TIME.format(leaf.notAfter()));
        return String.join("\n", lines);
    }

    private static String describe(Duration left) {
        long days = left.toDays();
        if (days >= 2) {
            return days + " days";
        }
        long hours = Math.max(1, left.toHours());
        return hours + (hours == 1 ? " hour" : " hours");
    }

    /** The part of a detail after its first colon, e.g. the server's reply in "... was refused: 454 ...". */
    private static String afterColon(String detail) {
        int colon = detail.indexOf(": ");
        return colon < 0 ? detail : detail.substring(colon + 2);
    }

    private static String lowerFirst(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    private static String normalize(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
