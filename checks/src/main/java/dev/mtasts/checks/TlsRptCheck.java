package dev.mtasts.checks;

import dev.mtasts.checks.policy.Policies;
import dev.mtasts.checks.policy.PolicyDocument;
import dev.mtasts.checks.policy.PolicyMode;
import dev.mtasts.checks.record.RecordDialect;
import dev.mtasts.checks.record.RecordProblem.Grammar;
import dev.mtasts.checks.record.RecordProblem.Rua;
import dev.mtasts.checks.record.RecordProblem.TlsRptKind;
import dev.mtasts.checks.record.RecordStatus;
import dev.mtasts.checks.record.RecordText;
import dev.mtasts.checks.record.ReportUri;
import dev.mtasts.checks.record.TagValueRecords;
import dev.mtasts.checks.record.TlsRptAnalysis;
import dev.mtasts.checks.record.TlsRptRecordSyntax;
import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.ReportReceiver;
import dev.mtasts.spi.Severity;
import dev.mtasts.spi.TlsDetails;
import dev.mtasts.spi.TxtAnswer;
import dev.mtasts.spi.TxtAnswer.TxtRecord;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code tls-rpt}: the {@code _smtp._tls} TXT record, rules R1–R9 of the checklist (RFC 8460 §3), graded by
 * whether a policy in testing or enforce mode depends on it (C8).
 */
public final class TlsRptCheck extends TxtRecordCheck<TlsRptAnalysis, TlsRptKind> {
    public static final String ID = "tls-rpt";

    /** The legacy name of the draft, still found in the wild. */
    static final String LEGACY_LABEL = "_smtp-tlsrpt";

    private static final Pattern RUA = Pattern.compile("rua=([^;\\s]+)");

    /** R11: a TLS-RPT record TTL below this, without DNSSEC, is worth an info (RFC 8460 §7 asks for "a large TTL"). */
    static final long SHORT_TTL_SECONDS = 3_600;

    private static final Wording WORDING = new Wording(
            RecordDialect.TLSRPT,
            "a TLS-RPT record",
            "",
            TlsRptCode.TLSRPT_CNAME,
            TlsRptCode.TLSRPT_CNAME_BROKEN,
            TlsRptCode.TLSRPT_UNRELATED_TXT,
            TlsRptCode.TLSRPT_MALFORMED_VERSION,
            TlsRptCode.TLSRPT_SPLIT_STRINGS,
            new SyntaxCodes(
                    TlsRptCode.TLSRPT_RECORD_SYNTAX,
                    TlsRptCode.TLSRPT_RECORD_SYNTAX,
                    TlsRptCode.TLSRPT_SPACE_BEFORE_SEMICOLON,
                    TlsRptCode.TLSRPT_TRAILING_WHITESPACE,
                    TlsRptCode.TLSRPT_EXTENSION));

    public TlsRptCheck() {
        super(WORDING);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "TLS-RPT record";
    }

    @Override
    TlsRptAnalysis analyze(DomainContext context) {
        return TagValueRecords.TLSRPT.analyze(context);
    }

    @Override
    String record(DomainContext context, OptionalLong ttl, String rua) {
        return Suggestions.tlsRptRecord(context.domain(), ttl, rua);
    }

    @Override
    String freshValue(DomainContext context) {
        return Suggestions.defaultRua(context.domain());
    }

    @Override
    String valueMeant(DomainContext context, String lookAlikeText) {
        return ruaOf(lookAlikeText).orElse(Suggestions.defaultRua(context.domain()));
    }

    @Override
    String valueMeant(DomainContext context, TlsRptAnalysis analysis, int index) {
        return repairedRua(context, analysis.parsed().get(index));
    }

    @Override
    Finding multiple(DomainContext context, TlsRptAnalysis analysis, FixContext fix) {
        List<TxtRecord> candidates = analysis.records().candidates();
        return TlsRptCode.TLSRPT_RECORD_MULTIPLE.problem(
                Severity.FAIL,
                "There are " + RecordText.count(candidates.size(), "v=TLSRPTv1 record") + " at " + analysis.name()
                        + ". RFC 8460 requires exactly one, so reporters use none of them and send no reports.",
                Suggestions.zoneLines(analysis.name(), candidates),
                "Keep a single record; list every destination in its rua, e.g. "
                        + record(context, analysis.ttlSeconds(), allUris(analysis))
                        + ".",
                fix);
    }

    @Override
    void valid(DomainContext context, TlsRptAnalysis analysis, FixContext fix, List<Finding> findings) {
        findings.add(TlsRptCode.TLSRPT_RECORD_VALID
                .pass("One valid TLS-RPT record: reports go to "
                        + analysis.reportUris().stream().map(ReportUri::uri).collect(Collectors.joining(", "))
                        + ".")
                .withEvidence(
                        Suggestions.zoneLine(analysis.name(), analysis.record().orElseThrow())));
        for (ReportUri uri : analysis.reportUris()) {
            undeliverable(context, uri, fix).ifPresent(findings::add);
        }
        for (ReportUri uri : analysis.reportUris()) {
            httpsEndpoint(context, uri, fix).ifPresent(findings::add);
        }
        exposed(analysis).ifPresent(findings::add);
        receivedHere(context, analysis).ifPresent(findings::add);
    }

    @Override
    Finding lookupFailed(TlsRptAnalysis analysis, LookupResult.Failed<TxtAnswer> failed, FixContext fix) {
        String name = analysis.name();
        return TlsRptCode.TLSRPT_LOOKUP_FAILED.problem(
                Severity.WARN,
                "The TXT record at " + name + " could not be checked: the lookup failed (" + failed.detail() + ").",
                failed.detail(),
                "Check that the domain's name servers answer TXT queries for " + name + " (dig " + name
                        + " TXT), then run the check again.",
                fix);
    }

    /** Besides {@code _smtp._tls}: a record at the draft's legacy name, or at the domain itself. */
    @Override
    void beside(DomainContext context, TlsRptAnalysis analysis, FixContext fix, List<Finding> findings) {
        wrongLocation(context, analysis, LEGACY_LABEL + "." + context.domain(), fix)
                .ifPresent(findings::add);
        wrongLocation(context, analysis, context.domain(), fix).ifPresent(findings::add);
    }

    @Override
    List<Fact> facts(TlsRptAnalysis analysis) {
        return List.of(new Fact.TlsRptRecord(publication(analysis)));
    }

    private static Fact.TlsRptRecord.Publication publication(TlsRptAnalysis analysis) {
        return switch (analysis.lookup()) {
            case LookupResult.Found<TxtAnswer> found -> {
                if (analysis.valid()) {
                    yield Fact.TlsRptRecord.Publication.VALID;
                }
                boolean nothingLikeIt = analysis.records().candidates().isEmpty()
                        && analysis.records().lookAlikes().isEmpty();
                yield nothingLikeIt ? Fact.TlsRptRecord.Publication.MISSING : Fact.TlsRptRecord.Publication.INVALID;
            }
            case LookupResult.NotFound<TxtAnswer> notFound ->
                analysis.status() == RecordStatus.DANGLING_CNAME
                        ? Fact.TlsRptRecord.Publication.INVALID
                        : Fact.TlsRptRecord.Publication.MISSING;
            case LookupResult.Failed<TxtAnswer> failed ->
                analysis.status() == RecordStatus.CNAME_LOOP
                        ? Fact.TlsRptRecord.Publication.INVALID
                        : Fact.TlsRptRecord.Publication.UNKNOWN;
        };
    }

    /**
     * R10: an {@code https:} rua, fetched with a GET through the address guard by the engine. Reporters POST, so any
     * HTTP status shows the endpoint is there; what matters is that it can be reached and that its certificate is
     * valid for its name. RFC 8460 §3 lets reporters ignore certificate errors, so a warning at most. A lookup or
     * deadline failure proves nothing and gives no finding.
     */
    private static Optional<Finding> httpsEndpoint(DomainContext context, ReportUri uri, FixContext fix) {
        if (!uri.scheme().equals("https")) {
            return Optional.empty();
        }
        URI target;
        try {
            target = new URI(uri.uri());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        Optional<LookupResult<HttpsResponse>> fetched = context.reportEndpoint(target);
        if (fetched.isEmpty()) {
            return Optional.empty();
        }
        String host = target.getHost() == null ? uri.uri() : target.getHost();
        String evidence = "rua=" + uri.uri();
        return switch (fetched.get()) {
            case LookupResult.Found<HttpsResponse> found -> {
                HttpsResponse response = found.value();
                TlsDetails tls = response.tls();
                String answered = "answered a GET with HTTP " + response.status() + " from "
                        + response.address().getHostAddress();
                String certificate =
                        "\nTLS: " + tls.protocol() + "\nsubject: " + tls.leaf().subject() + "\nSANs: "
                                + (tls.leaf().dnsNames().isEmpty()
                                        ? "(none)"
                                        : String.join(", ", tls.leaf().dnsNames()))
                                + "\nissuer: " + tls.leaf().issuer();
                List<String> problems = new ArrayList<>();
                switch (tls.trust()) {
                    case TRUSTED -> {}
                    case EXPIRED -> problems.add("it expired");
                    case NOT_YET_VALID -> problems.add("it is not valid yet");
                    case UNTRUSTED ->
                        problems.add("it is not trusted"
                                + (tls.trustDetail().isBlank() ? "" : " (" + tls.trustDetail() + ")"));
                }
                if (!tls.nameMatches()) {
                    problems.add("it is not valid for " + host);
                }
                if (problems.isEmpty()) {
                    yield Optional.of(TlsRptCode.TLSRPT_RUA_HTTPS_OK
                            .pass("The report endpoint " + uri.uri() + " is reachable over HTTPS with a valid"
                                    + " certificate (it " + answered + "; reporters POST their reports).")
                            .withEvidence(evidence + "\n" + answered + certificate));
                }
                yield Optional.of(TlsRptCode.TLSRPT_RUA_HTTPS_CERTIFICATE.problem(
                        Severity.WARN,
                        "The certificate of the report endpoint " + uri.uri() + " has a problem: "
                                + String.join("; ", problems) + ". RFC 8460 §3 lets reporters ignore certificate"
                                + " errors, but many do not, and their reports are lost.",
                        evidence + "\n" + answered + certificate,
                        "Install a certificate for " + host + " from a public CA (for example Let's Encrypt) on the"
                                + " server behind " + uri.uri() + ", with its full chain, and renew it"
                                + " automatically.",
                        fix));
            }
            case LookupResult.NotFound<HttpsResponse> notFound -> Optional.of(unreachable(uri, notFound.detail(), fix));
            case LookupResult.Failed<HttpsResponse> failed ->
                switch (failed.kind()) {
                    case TIMEOUT,
                            CONNECTION_REFUSED,
                            CONNECTION_FAILED,
                            TLS_FAILURE,
                            PROTOCOL_ERROR,
                            ADDRESS_REFUSED,
                            CNAME_LOOP -> Optional.of(unreachable(uri, failed.detail(), fix));
                    case SERVER_FAILURE, DEADLINE -> Optional.empty();
                };
        };
    }

    private static Finding unreachable(ReportUri uri, String why, FixContext fix) {
        return TlsRptCode.TLSRPT_RUA_HTTPS_UNREACHABLE.problem(
                Severity.WARN,
                "The report endpoint " + uri.uri() + " cannot be reached: " + why + ". Reports sent there are lost.",
                "rua=" + uri.uri() + "\n" + why,
                "Make " + uri.uri() + " reachable over HTTPS from the internet (DNS, firewall, a web server with TLS"
                        + " that accepts POST), or send reports to a mailto: address instead.",
                fix);
    }

    /**
     * Issue 15: when the domain's rua points at this bot, when the latest report about it arrived here. A {@code
     * mailto:} URI matches one of the bot's addresses without regard to case; an {@code https:} one matches the bot's
     * URL or a path below it ({@code /tlsrpt/<domain>}).
     */
    private static Optional<Finding> receivedHere(DomainContext context, TlsRptAnalysis analysis) {
        Optional<ReportReceiver> receiver = context.reportReceiver();
        if (receiver.isEmpty()) {
            return Optional.empty();
        }
        List<String> matching = analysis.reportUris().stream()
                .map(ReportUri::uri)
                .filter(uri -> receiver.get().addresses().stream().anyMatch(own -> sameDestination(uri, own)))
                .toList();
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        String which = String.join(", ", matching);
        String message = receiver.get()
                .lastReceived()
                .map(last -> "Reports for " + context.domain() + " come to this bot (" + which + "). The latest"
                        + " arrived " + ago(context.now(), last) + " (" + RECEIVED.format(last) + ").")
                .orElse("Reports for " + context.domain() + " come to this bot (" + which + "), but none has"
                        + " arrived yet. Senders send one report a day, for the previous day, so the first ones come"
                        + " a day or two after the record is published.");
        return Optional.of(TlsRptCode.TLSRPT_REPORTS_RECEIVED.info(message, "rua=" + which));
    }

    private static final java.time.format.DateTimeFormatter RECEIVED = java.time.format.DateTimeFormatter.ISO_INSTANT;

    private static String ago(java.time.Instant now, java.time.Instant then) {
        java.time.Duration elapsed = java.time.Duration.between(then, now);
        if (elapsed.isNegative() || elapsed.toMinutes() < 1) {
            return "just now";
        }
        if (elapsed.toHours() < 1) {
            return elapsed.toMinutes() + " minute" + (elapsed.toMinutes() == 1 ? "" : "s") + " ago";
        }
        if (elapsed.toDays() < 2) {
            return elapsed.toHours() + " hour" + (elapsed.toHours() == 1 ? "" : "s") + " ago";
        }
        return elapsed.toDays() + " days ago";
    }

    /** Whether a rua URI delivers to the bot's own address {@code own}. */
    static boolean sameDestination(String rua, String own) {
        String uri = rua.strip();
        String mine = own.strip();
        if (uri.regionMatches(true, 0, "mailto:", 0, 7) && mine.regionMatches(true, 0, "mailto:", 0, 7)) {
            int bang = uri.indexOf('!');
            String address = bang < 0 ? uri : uri.substring(0, bang);
            return address.equalsIgnoreCase(mine);
        }
        if (uri.regionMatches(true, 0, "https:", 0, 6) && mine.regionMatches(true, 0, "https:", 0, 6)) {
            try {
                URI theirs = new URI(uri).normalize();
                URI ours = new URI(mine).normalize();
                if (theirs.getHost() == null
                        || ours.getHost() == null
                        || !theirs.getHost().equalsIgnoreCase(ours.getHost())
                        || theirs.getPort() != ours.getPort()) {
                    return false;
                }
                String path = theirs.getPath() == null ? "" : stripSlash(theirs.getPath());
                String base = ours.getPath() == null ? "" : stripSlash(ours.getPath());
                return path.equals(base) || path.startsWith(base + "/");
            } catch (URISyntaxException e) {
                return false;
            }
        }
        return false;
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * R11 (RFC 8460 §7): "Administrators are thus encouraged to deploy TLSRPT TXT records with a large TTL ... or to
     * deploy DNSSEC". Either one protects the record, so only a record with neither is worth mentioning: a TTL under
     * {@link #SHORT_TTL_SECONDS} and a response without the AD bit. Said only when the engine saw the response.
     */
    private static Optional<Finding> exposed(TlsRptAnalysis analysis) {
        if (!(analysis.lookup() instanceof LookupResult.Found<TxtAnswer> found)
                || found.value().response().isEmpty()
                || found.value().response().get().authenticated()) {
            return Optional.empty();
        }
        Optional<TxtRecord> record = analysis.record();
        if (record.isEmpty() || record.get().ttlSeconds() >= SHORT_TTL_SECONDS) {
            return Optional.empty();
        }
        long ttl = record.get().ttlSeconds();
        return Optional.of(TlsRptCode.TLSRPT_RECORD_EXPOSED.info(
                "The TLS-RPT record has a short TTL (" + ttl + " s) and is not DNSSEC-signed (the resolver did not"
                        + " set the AD bit). Reporters re-read it often and cannot tell a forged answer, so a short DNS"
                        + " attack can stop reports or send them elsewhere while it lasts (RFC 8460 §7). A TTL of an"
                        + " hour or more, or DNSSEC on the zone, narrows that window; not an error.",
                Suggestions.zoneLine(analysis.name(), record.get())));
    }

    /**
     * R12: a {@code mailto:} rua whose domain has no MX and no address (or a null MX) cannot receive reports. A
     * lookup that failed proves nothing and gives no finding.
     */
    private static Optional<Finding> undeliverable(DomainContext context, ReportUri uri, FixContext fix) {
        if (!uri.scheme().equals("mailto")) {
            return Optional.empty();
        }
        String address = uri.uri().substring("mailto:".length());
        int bang = address.indexOf('!');
        address = bang < 0 ? address : address.substring(0, bang);
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return Optional.empty();
        }
        String mailDomain = address.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
        String why;
        switch (context.mx(mailDomain)) {
            case LookupResult.Found<MxAnswer> found -> {
                if (!found.value().isNullMx()) {
                    return Optional.empty();
                }
                why = mailDomain + " publishes a null MX (\"0 .\"): it accepts no mail";
            }
            case LookupResult.NotFound<MxAnswer> notFound -> {
                boolean hasAddress =
                        switch (context.addresses(mailDomain)) {
                            case LookupResult.Found<AddressAnswer> found ->
                                !found.value().addresses().isEmpty();
                            case LookupResult.NotFound<AddressAnswer> none -> false;
                            case LookupResult.Failed<AddressAnswer> failed -> true; // unknown: say nothing
                        };
                if (hasAddress) {
                    return Optional.empty();
                }
                why = mailDomain + " has no MX record and no A or AAAA record, so no mail can be delivered to it";
            }
            case LookupResult.Failed<MxAnswer> failed -> {
                return Optional.empty();
            }
        }
        return Optional.of(TlsRptCode.TLSRPT_RUA_UNDELIVERABLE.problem(
                Severity.WARN,
                "Reports to " + uri.uri() + " cannot be delivered: " + why + ".",
                "rua=" + uri.uri(),
                "Send reports to a mailbox whose domain receives mail (publish an MX for " + mailDomain
                        + ", or change the rua to such an address).",
                fix));
    }

    @Override
    FindingCode code(TlsRptKind kind) {
        return switch (kind) {
            case Grammar grammar -> code(grammar);
            case Rua.MISSING -> TlsRptCode.TLSRPT_RUA_MISSING;
            case Rua.MULTIPLE -> TlsRptCode.TLSRPT_RUA_MULTIPLE;
            case Rua.URI_SYNTAX, Rua.URI_INVALID -> TlsRptCode.TLSRPT_RUA_INVALID;
            case Rua.URI_UNENCODED -> TlsRptCode.TLSRPT_RUA_UNENCODED;
            case Rua.SCHEME_UNSUPPORTED -> TlsRptCode.TLSRPT_RUA_UNSUPPORTED_SCHEME;
        };
    }

    /** R1 with C8: warn when a testing or enforce policy depends on reports, info otherwise. */
    @Override
    Finding missing(DomainContext context, TlsRptAnalysis analysis, FixContext fix) {
        Optional<PolicyMode> mode = Policies.analyze(context).document().flatMap(PolicyDocument::mode);
        boolean needed = mode.isPresent() && mode.get() != PolicyMode.NONE;
        String where = analysis.records().unrelated().isEmpty()
                ? "There is no TLS-RPT record at " + analysis.name() + "."
                : "None of the TXT records at " + analysis.name() + " begins with \"v=TLSRPTv1\".";
        String message = needed
                ? where + " The MTA-STS policy is in " + mode.get().value() + " mode, so when senders fail to"
                        + " deliver over TLS"
                        + (mode.get() == PolicyMode.ENFORCE ? " and refuse the MX" : "")
                        + ", nobody is told (RFC 8460 reports are how you find out)."
                : where + " It is optional, but it is how senders report TLS and MTA-STS failures to you (RFC"
                        + " 8460).";
        return TlsRptCode.TLSRPT_RECORD_MISSING.problem(
                needed ? Severity.WARN : Severity.INFO,
                message,
                analysis.records().unrelated().isEmpty()
                        ? ""
                        : Suggestions.zoneLines(
                                analysis.name(), analysis.records().unrelated()),
                "Publish " + freshRecord(context, analysis.ttlSeconds())
                        + " (any mailbox or https endpoint that collects the reports).",
                fix);
    }

    /** R1: a v=TLSRPTv1 record at the legacy draft name or at the domain itself. */
    private Optional<Finding> wrongLocation(
            DomainContext context, TlsRptAnalysis analysis, String name, FixContext fix) {
        Optional<TxtAnswer> answer = context.txt(name).found();
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        List<TxtRecord> misplaced = answer.get().records().stream()
                .filter(record -> RecordDialect.TLSRPT.isCandidate(record.text().strip()))
                .toList();
        if (misplaced.isEmpty()) {
            return Optional.empty();
        }
        String evidence = Suggestions.zoneLines(name, misplaced);
        String place = name.startsWith(LEGACY_LABEL + ".")
                ? "at " + name + " (the name used by drafts of RFC 8460)"
                : "at " + name + " itself";
        FixContext here = fix.withOtherTtl(misplaced.getFirst().ttlSeconds());
        if (analysis.valid()) {
            return Optional.of(TlsRptCode.TLSRPT_WRONG_LOCATION.problem(
                    Severity.WARN,
                    "A v=TLSRPTv1 record is also published " + place + ". Reporters only read " + analysis.name()
                            + ", so it does nothing; remove it.",
                    evidence,
                    "Delete " + evidence + ".",
                    here));
        }
        return Optional.of(TlsRptCode.TLSRPT_WRONG_LOCATION.problem(
                Severity.FAIL,
                "The v=TLSRPTv1 record is published " + place + " instead of " + analysis.name()
                        + ". Reporters only look at " + analysis.name() + ", so no report reaches you.",
                evidence,
                "Move it: publish it at " + analysis.name() + " ("
                        + record(
                                context,
                                OptionalLong.of(misplaced.getFirst().ttlSeconds()),
                                valueMeant(context, misplaced.getFirst().text()))
                        + ") and delete " + evidence + ".",
                here));
    }

    /** The record's usable URIs, with DMARC-style size suffixes cut off; the default address when none is left. */
    private static String repairedRua(DomainContext context, TlsRptRecordSyntax syntax) {
        List<String> uris = new ArrayList<>();
        for (ReportUri uri : syntax.uris()) {
            if (uri.usable()) {
                uris.add(uri.uri());
            } else if (uri.uri().matches("(?i)(mailto|https):[^!]+![0-9]+[kmgt]?")) {
                uris.add(uri.uri().substring(0, uri.uri().indexOf('!')));
            }
        }
        return uris.isEmpty() ? Suggestions.defaultRua(context.domain()) : String.join(",", uris);
    }

    private static String allUris(TlsRptAnalysis analysis) {
        List<String> uris = analysis.parsed().stream()
                .flatMap(syntax -> syntax.usableUris().stream())
                .map(ReportUri::uri)
                .distinct()
                .toList();
        return uris.isEmpty()
                ? "mailto:tlsrpt@" + analysis.name().substring("_smtp._tls.".length())
                : String.join(",", uris);
    }

    private static Optional<String> ruaOf(String text) {
        Matcher matcher = RUA.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
