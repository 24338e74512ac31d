package dev.mtasts.checks;

import dev.mtasts.checks.policy.Policies;
import dev.mtasts.checks.policy.PolicyAnalysis;
import dev.mtasts.checks.record.RecordStatus;
import dev.mtasts.checks.record.StsRecordAnalysis;
import dev.mtasts.checks.record.TagValueRecords;
import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.CertificateInfo;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.Severity;
import dev.mtasts.spi.TlsDetails;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code policy-fetch}: the policy host and the HTTPS fetch, rules H1–H11 of the checklist (RFC 8461 §3.2, §3.3,
 * §7.1). The engine resolves the host through the address guard, never follows redirects, caps the body and
 * completes the TLS handshake whatever the certificate, reporting its verdict; this check turns what it saw into
 * findings.
 */
public final class PolicyFetchCheck implements Check {
    public static final String ID = "policy-fetch";

    /** Slower than this is a warning: postfix-mta-sts-resolver's default total timeout is 4 s. */
    static final Duration SLOW = Duration.ofSeconds(4);

    /** A certificate expiring within this is a warning. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|[,\\s])(?:s-)?max-age\\s*=\\s*\"?([0-9]+)");
    private static final long CACHE_SECONDS = 60;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "MTA-STS policy fetch";
    }

    @Override
    public CheckResult run(DomainContext context) {
        StsRecordAnalysis record = TagValueRecords.STS.analyze(context);
        String host = Policies.host(context.domain());
        LookupResult<AddressAnswer> addresses = context.addresses(host);
        if (record.status() == RecordStatus.MISSING && addresses instanceof LookupResult.NotFound<AddressAnswer>) {
            return CheckResult.skipped(
                    "There is no MTA-STS record and " + host + " does not exist: there is no" + " policy to fetch.");
        }
        PolicyAnalysis policy = Policies.analyze(context);
        FixContext fix = FixContext.of(context);
        if (addresses instanceof LookupResult.Found<AddressAnswer> found) {
            fix = fix.withOtherTtl(found.value().ttlSeconds());
        }
        List<Finding> findings = new ArrayList<>();
        String consequence = consequence(record);
        switch (policy.fetch()) {
            case LookupResult.NotFound<HttpsResponse> notFound ->
                findings.add(PolicyFetchCode.POLICY_HOST_MISSING.problem(
                        Severity.FAIL,
                        host + " does not resolve (" + notFound.detail() + "), so senders cannot fetch the policy."
                                + consequence,
                        notFound.detail(),
                        "Publish an A and/or AAAA record (or a CNAME to your web host) for " + host + ", and serve"
                                + " the policy at " + policy.url() + " with a certificate valid for " + host + ".",
                        fix));
            case LookupResult.Failed<HttpsResponse> failed -> findings.add(failure(policy, failed, consequence, fix));
            case LookupResult.Found<HttpsResponse> found -> {
                addressFamilies(host, addresses).ifPresent(findings::add);
                certificate(context, policy, found.value(), consequence, fix, findings);
                http(policy, found.value(), consequence, fix, findings);
            }
        }
        boolean expiring = findings.stream()
                .anyMatch(finding -> finding.code().equals(PolicyFetchCode.POLICY_CERT_EXPIRES_SOON.code()));
        return Findings.result(findings)
                .withFacts(
                        expiring
                                ? List.of(new Fact.CertificateExpiring(
                                        PolicyFetchCode.POLICY_CERT_EXPIRES_SOON.code(), List.of(host)))
                                : List.of());
    }

    private static String consequence(StsRecordAnalysis record) {
        if (record.usable()) {
            return " New senders get no MTA-STS protection; senders that cached an earlier policy keep applying it"
                    + " until its max_age runs out.";
        }
        return " Senders do not fetch the policy yet anyway: " + record.senderConclusion() + ".";
    }

    private static Finding failure(
            PolicyAnalysis policy, LookupResult.Failed<HttpsResponse> failed, String consequence, FixContext fix) {
        String host = policy.host();
        String detail = failed.detail();
        return switch (failed.kind()) {
            case ADDRESS_REFUSED ->
                PolicyFetchCode.POLICY_HOST_ADDRESS_REFUSED.problem(
                        Severity.FAIL,
                        host + " resolves only to addresses that are not public (" + detail + "). This bot does"
                                + " not connect to them, and senders on the internet cannot reach them either."
                                + consequence,
                        detail,
                        "Point " + host + " at the public address of the web server that serves " + policy.url() + ".",
                        fix);
            case TIMEOUT, DEADLINE ->
                PolicyFetchCode.POLICY_FETCH_TIMEOUT.problem(
                        Severity.FAIL,
                        "Fetching " + policy.url() + " timed out (" + detail + ")." + consequence,
                        detail,
                        "Make sure " + host + " answers HTTPS on port 443 quickly (firewall, server load), then run"
                                + " the check again.",
                        fix);
            case CONNECTION_REFUSED, CONNECTION_FAILED, PROTOCOL_ERROR ->
                PolicyFetchCode.POLICY_FETCH_CONNECTION_FAILED.problem(
                        Severity.FAIL,
                        "The HTTPS connection to " + host + " failed (" + detail + "), so senders cannot fetch"
                                + " the policy." + consequence,
                        detail,
                        "Run an HTTPS server on port 443 of " + host + " that serves " + policy.url() + ".",
                        fix);
            case TLS_FAILURE ->
                PolicyFetchCode.POLICY_FETCH_TLS_FAILED.problem(
                        Severity.FAIL,
                        "The TLS handshake with " + host + " failed (" + detail + "). RFC 8461 §7.1 requires the"
                                + " server to present a certificate for " + host + " when asked for it by SNI."
                                + consequence,
                        detail,
                        "Configure the web server with a certificate for " + host + " (from a public CA, full"
                                + " chain) on port 443, selected by SNI.",
                        fix);
            case SERVER_FAILURE, CNAME_LOOP ->
                PolicyFetchCode.POLICY_HOST_LOOKUP_FAILED.problem(
                        Severity.FAIL,
                        "The DNS lookup of " + host + " fails (" + detail + "), so senders cannot fetch the policy."
                                + consequence,
                        detail,
                        "Fix the DNS records of " + host + " (check with dig " + host + " A and AAAA); it must"
                                + " resolve to the web server that serves the policy.",
                        fix);
        };
    }

    /** H10: one address family only is worth knowing. */
    private static Optional<Finding> addressFamilies(String host, LookupResult<AddressAnswer> addresses) {
        if (!(addresses instanceof LookupResult.Found<AddressAnswer> found)) {
            return Optional.empty();
        }
        boolean ipv4 = found.value().addresses().stream().anyMatch(address -> address instanceof Inet4Address);
        boolean ipv6 = found.value().addresses().stream().anyMatch(address -> address instanceof Inet6Address);
        if (ipv4 == ipv6) {
            return Optional.empty();
        }
        return Optional.of(PolicyFetchCode.POLICY_HOST_SINGLE_FAMILY.info(
                host + " has only " + (ipv4 ? "IPv4 (A)" : "IPv6 (AAAA)") + " addresses. That works; senders"
                        + (ipv4 ? " on IPv6-only networks" : " without IPv6") + " cannot fetch the policy.",
                found.value().addresses().stream()
                        .map(address -> address.getHostAddress())
                        .reduce((left, right) -> left + ", " + right)
                        .orElse("")));
    }

    private static void certificate(
            DomainContext context,
            PolicyAnalysis policy,
            HttpsResponse response,
            String consequence,
            FixContext fix,
            List<Finding> findings) {
        TlsDetails tls = response.tls();
        String host = policy.host();
        Instant now = context.now();
        Optional<CertificateInfo> leaf = tls.chain().isEmpty() ? Optional.empty() : Optional.of(tls.leaf());
        String evidence = leaf.map(PolicyFetchCheck::describe).orElse("no certificate details");
        boolean problem = false;
        if (Policies.expired(tls, now)) {
            problem = true;
            findings.add(PolicyFetchCode.POLICY_CERT_EXPIRED.problem(
                    Severity.FAIL,
                    "The certificate of " + host + " " + Policies.expiry(tls, now) + ". Senders refuse the policy."
                            + consequence,
                    evidence,
                    "Renew the certificate for " + host + " (for example with your ACME client) and reload the web"
                            + " server.",
                    fix));
        } else if (tls.trust() == TlsDetails.Trust.NOT_YET_VALID
                || leaf.map(certificate -> certificate.notBefore().isAfter(now)).orElse(false)) {
            problem = true;
            findings.add(PolicyFetchCode.POLICY_CERT_NOT_YET_VALID.problem(
                    Severity.FAIL,
                    "The certificate of " + host + " is not valid yet"
                            + leaf.map(certificate -> " (valid from " + DATE.format(certificate.notBefore()) + ")")
                                    .orElse("")
                            + ". Senders refuse the policy." + consequence,
                    evidence,
                    "Install a certificate for " + host + " that is valid now, and check the server's clock.",
                    fix));
        }
        if (tls.trust() == TlsDetails.Trust.UNTRUSTED) {
            problem = true;
            boolean selfSigned = leaf.map(certificate -> certificate.subject().equals(certificate.issuer()))
                    .orElse(false);
            findings.add(PolicyFetchCode.POLICY_CERT_UNTRUSTED.problem(
                    Severity.FAIL,
                    "The certificate of " + host + " does not chain to a trusted root"
                            + (tls.trustDetail().isBlank() ? "" : " (" + tls.trustDetail() + ")")
                            + (selfSigned ? "; it is self-signed" : "") + ". Senders use the same public roots as"
                            + " browsers, so they refuse the policy." + consequence,
                    evidence,
                    "Install a certificate for " + host + " from a public CA, and serve the full chain (leaf and"
                            + " intermediates).",
                    fix));
        }
        if (!tls.nameMatches()) {
            problem = true;
            List<String> names = leaf.map(CertificateInfo::dnsNames).orElse(List.of());
            String valid = names.isEmpty()
                    ? "has no DNS name in its Subject Alternative Name (a name in the subject CN does not count)"
                    : "is valid for " + String.join(", ", names.size() > 8 ? names.subList(0, 8) : names)
                            + (names.size() > 8 ? " and " + (names.size() - 8) + " more" : "") + ", not " + host;
            findings.add(PolicyFetchCode.POLICY_CERT_NAME_MISMATCH.problem(
                    Severity.FAIL,
                    "The certificate of " + host + " " + valid + ". Senders match only the SAN DNS names (RFC"
                            + " 6125), so they refuse the policy." + consequence,
                    evidence,
                    "Install a certificate whose Subject Alternative Name includes " + host + ". A provider that"
                            + " hosts the policy must still present a certificate for " + host + " (RFC 8461"
                            + " §8.2).",
                    fix));
        }
        if (problem || leaf.isEmpty()) {
            return;
        }
        CertificateInfo certificate = leaf.get();
        Duration left = Duration.between(now, certificate.notAfter());
        if (left.compareTo(EXPIRY_WARNING) < 0) {
            long days = left.toDays();
            findings.add(PolicyFetchCode.POLICY_CERT_EXPIRES_SOON.problem(
                    Severity.WARN,
                    "The certificate of " + host + " expires on " + DATE.format(certificate.notAfter()) + ", in "
                            + (days == 0 ? "less than a day" : days == 1 ? "1 day" : days + " days") + ". Once it"
                            + " expires, senders refuse the policy.",
                    evidence,
                    "Renew the certificate for " + host + " now, and check that automatic renewal works.",
                    fix));
        }
        findings.add(PolicyFetchCode.POLICY_CERT_VALID
                .pass("The certificate of " + host + " is trusted and valid for " + host + " until "
                        + DATE.format(certificate.notAfter()) + " (issuer: " + certificate.issuer() + ").")
                .withEvidence(evidence));
    }

    private static void http(
            PolicyAnalysis policy, HttpsResponse response, String consequence, FixContext fix, List<Finding> findings) {
        int status = response.status();
        String url = policy.url();
        String evidence = evidence(response);
        if (status >= 300 && status < 400) {
            Optional<String> location = response.header("location");
            findings.add(PolicyFetchCode.POLICY_FETCH_REDIRECT.problem(
                    Severity.FAIL,
                    url + " answers " + status + " with a redirect "
                            + location.map(target -> "to " + target).orElse("(no Location header)")
                            + ". RFC 8461 forbids following redirects, so senders get no policy." + consequence,
                    evidence,
                    "Serve the policy directly at " + url + " with status 200 and remove the redirect for "
                            + policy.host() + " (often an HTTP-to-HTTPS or apex-to-www rule that also catches it).",
                    fix));
        } else if (status != 200) {
            String reason = status == 404
                    ? "there is no file at /.well-known/mta-sts.txt (the path is case-sensitive)"
                    : "senders accept only 200";
            findings.add(PolicyFetchCode.POLICY_FETCH_STATUS.problem(
                    Severity.FAIL,
                    url + " answers HTTP " + status + ": " + reason + ", so senders get no policy." + consequence,
                    evidence,
                    "Serve the policy file at " + url + " with status 200.",
                    fix));
        }
        if (status == 200) {
            contentType(policy, response, consequence, evidence, fix, findings);
            if (response.truncated()) {
                findings.add(PolicyFetchCode.POLICY_TOO_LARGE.problem(
                        Severity.FAIL,
                        "The body of " + url + " is over 64 KiB. Senders stop reading at 64 KiB (RFC 8461 §3.3"
                                + " suggests the limit; postfix-mta-sts-resolver and mox enforce it) and reject the"
                                + " policy." + consequence,
                        evidence,
                        "Serve only the policy: a few lines of version, mode, mx and max_age.",
                        fix));
            }
            cacheControl(response)
                    .ifPresent(seconds -> findings.add(PolicyFetchCode.POLICY_HTTP_CACHE.info(
                            "The response allows caches to keep the policy for " + seconds
                                    + " s. Senders never use HTTP"
                                    + " caching, but a CDN or proxy in front of " + policy.host() + " may serve the old"
                                    + " policy that long after a change; RFC 8461 §8.2 suggests max-age=60.",
                            response.header("cache-control").orElse(""))));
        }
        if (response.elapsed().compareTo(SLOW) > 0) {
            findings.add(PolicyFetchCode.POLICY_FETCH_SLOW.problem(
                    Severity.WARN,
                    url + " took " + seconds(response.elapsed()) + " to answer. postfix-mta-sts-resolver gives up"
                            + " after 4 s by default, so some senders may not get the policy.",
                    evidence,
                    "Serve the file from a fast static host (the web server's static handler or a CDN) close to"
                            + " the internet edge.",
                    fix));
        }
        boolean usable = status == 200
                && !response.truncated()
                && Policies.mediaType(response).map("text/plain"::equals).orElse(false);
        if (usable) {
            findings.add(PolicyFetchCode.POLICY_FETCH_OK
                    .pass(url + " answers 200 with text/plain, " + response.body().length + " bytes, in "
                            + seconds(response.elapsed()) + ", without a redirect.")
                    .withEvidence(evidence));
        }
    }

    private static void contentType(
            PolicyAnalysis policy,
            HttpsResponse response,
            String consequence,
            String evidence,
            FixContext fix,
            List<Finding> findings) {
        Optional<String> mediaType = Policies.mediaType(response);
        String served = mediaType.map(type -> "as " + type).orElse("without a Content-Type");
        if (!mediaType.map("text/plain"::equals).orElse(false)) {
            findings.add(PolicyFetchCode.POLICY_CONTENT_TYPE.problem(
                    Severity.FAIL,
                    "The policy is served " + served + ", not text/plain. RFC 8461 says senders SHOULD check for"
                            + " text/plain, and widely deployed senders (postfix-mta-sts-resolver, go-mtasts,"
                            + " chasquid) reject anything else, so they ignore the policy." + consequence,
                    evidence,
                    "Serve " + policy.url() + " with \"Content-Type: text/plain\" (nginx: default_type text/plain;"
                            + " Apache: ForceType text/plain).",
                    fix));
            return;
        }
        Optional<String> charset = Policies.charset(response);
        if (charset.isPresent()
                && !charset.get().equals("utf-8")
                && !charset.get().equals("us-ascii")) {
            findings.add(PolicyFetchCode.POLICY_CHARSET.problem(
                    Severity.WARN,
                    "The Content-Type declares charset=" + charset.get() + ". RFC 8461 allows only utf-8 or"
                            + " us-ascii; senders that honour the charset may misread the file.",
                    evidence,
                    "Serve \"Content-Type: text/plain; charset=utf-8\" (or text/plain without a charset).",
                    fix));
        }
    }

    private static OptionalLong cacheControl(HttpsResponse response) {
        Optional<String> header = response.header("cache-control");
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        String value = header.get().toLowerCase(Locale.ROOT);
        if (value.contains("no-store") || value.contains("no-cache") || value.contains("private")) {
            return OptionalLong.empty();
        }
        Matcher matcher = MAX_AGE.matcher(value);
        long longest = -1;
        while (matcher.find()) {
            String digits = matcher.group(1);
            long seconds = digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits);
            longest = Math.max(longest, seconds);
        }
        return longest > CACHE_SECONDS ? OptionalLong.of(longest) : OptionalLong.empty();
    }

    private static String evidence(HttpsResponse response) {
        StringBuilder evidence = new StringBuilder("GET ")
                .append(response.uri())
                .append(" → HTTP ")
                .append(response.status());
        for (String header : List.of("location", "content-type", "content-length", "cache-control")) {
            response.header(header)
                    .ifPresent(value ->
                            evidence.append("\n").append(header).append(": ").append(value));
        }
        evidence.append("\n(").append(response.body().length).append(" bytes");
        if (response.truncated()) {
            evidence.append(", truncated");
        }
        evidence.append(", ")
                .append(seconds(response.elapsed()))
                .append(", from ")
                .append(response.address().getHostAddress())
                .append(")");
        return evidence.toString();
    }

    private static String describe(CertificateInfo certificate) {
        return "subject: " + certificate.subject() + "\nissuer: " + certificate.issuer() + "\nDNS names: "
                + (certificate.dnsNames().isEmpty() ? "(none)" : String.join(", ", certificate.dnsNames()))
                + "\nvalid: " + DATE.format(certificate.notBefore()) + " to " + DATE.format(certificate.notAfter())
                + "\nSHA-256: " + certificate.sha256();
    }

    private static String seconds(Duration elapsed) {
        long millis = elapsed.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
