package dev.mtasts.checks.policy;

import dev.mtasts.checks.policy.FetchProblem.Kind;
import dev.mtasts.spi.CertificateInfo;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.MemoKey;
import dev.mtasts.spi.TlsDetails;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shared, memoised reading of the policy file {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}: what
 * senders make of the fetch (RFC 8461 §3.3) and the parsed policy (§3.2). Any check that needs the policy (mode,
 * max_age, mx patterns, body) calls {@link #analyze(DomainContext)}; the fetch and the parse run once per command.
 */
public final class Policies {
    /** The memo key of the analysis; one value per command. */
    public static final MemoKey<PolicyAnalysis> KEY = new MemoKey<>("mta-sts/policy", PolicyAnalysis.class);

    /** The body size senders are expected to read (RFC 8461 §3.3 suggests 64 kilobytes). */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private Policies() {}

    /** Fetches (through the context) and parses the policy file, once per command. */
    public static PolicyAnalysis analyze(DomainContext context) {
        return context.memo(KEY, Policies::compute);
    }

    /** The policy host, {@code mta-sts.<domain>}. */
    public static String host(String domain) {
        return "mta-sts." + domain;
    }

    /** The policy URL, {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}. */
    public static String url(String domain) {
        return "https://" + host(domain) + "/.well-known/mta-sts.txt";
    }

    /** The media type of a response in lower case without parameters; empty when there is no Content-Type. */
    public static Optional<String> mediaType(HttpsResponse response) {
        return response.header("content-type")
                .map(value -> {
                    int semicolon = value.indexOf(';');
                    return (semicolon < 0 ? value : value.substring(0, semicolon))
                            .strip()
                            .toLowerCase(Locale.ROOT);
                })
                .filter(type -> !type.isEmpty());
    }

    /** The charset parameter of a response's Content-Type, unquoted, in lower case. */
    public static Optional<String> charset(HttpsResponse response) {
        Optional<String> header = response.header("content-type");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = header.get().split(";");
        for (int index = 1; index < parts.length; index++) {
            String parameter = parts[index].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                String value = parameter.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return Optional.of(value.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** Whether the certificate's validity period has ended at {@code now}, whatever the engine's verdict said. */
    public static boolean expired(TlsDetails tls, Instant now) {
        return tls.trust() == TlsDetails.Trust.EXPIRED
                || expiredCertificate(tls, now).isPresent();
    }

    /** The first certificate of the chain (leaf first) whose validity has ended at {@code now}. */
    public static Optional<CertificateInfo> expiredCertificate(TlsDetails tls, Instant now) {
        return tls.chain().stream()
                .filter(certificate -> certificate.notAfter().isBefore(now))
                .findFirst();
    }

    /**
     * What expired, for messages: {@code expired on 2026-11-01} for the leaf, {@code has an expired intermediate
     * (CN=R3, 2026-11-01)} for another certificate of the chain, or {@code expired} when the chain does not say.
     */
    public static String expiry(TlsDetails tls, Instant now) {
        Optional<CertificateInfo> expired = expiredCertificate(tls, now);
        if (expired.isEmpty()) {
            return "expired";
        }
        if (expired.get().equals(tls.leaf())) {
            return "expired on " + DATE.format(expired.get().notAfter());
        }
        return "has an expired certificate in its chain (" + expired.get().subject() + ", expired on "
                + DATE.format(expired.get().notAfter()) + ")";
    }

    private static PolicyAnalysis compute(DomainContext context) {
        String domain = context.domain();
        String host = host(domain);
        String url = url(domain);
        LookupResult<HttpsResponse> fetch = context.policyFile();
        List<FetchProblem> problems = new ArrayList<>();
        Optional<PolicyDocument> document = Optional.empty();
        String notParsed = "";
        switch (fetch) {
            case LookupResult.Found<HttpsResponse> found -> {
                HttpsResponse response = found.value();
                certificateProblems(response.tls(), host, context.now(), problems);
                httpProblems(response, problems);
                if (response.status() != 200) {
                    notParsed = "the server answered HTTP " + response.status() + ", not 200";
                } else if (response.truncated()) {
                    notParsed = "the body is over 64 KiB, more than senders read";
                } else {
                    document = Optional.of(PolicyParser.parse(response.body()));
                }
            }
            case LookupResult.NotFound<HttpsResponse> notFound -> {
                problems.add(new FetchProblem(Kind.HOST_NOT_FOUND, host + " does not resolve"));
                notParsed = "the policy could not be fetched: " + host + " does not resolve";
            }
            case LookupResult.Failed<HttpsResponse> failed -> {
                FetchProblem problem = failure(failed, host);
                problems.add(problem);
                notParsed = "the policy could not be fetched: " + problem.summary();
            }
        }
        return new PolicyAnalysis(host, url, fetch, problems, document, notParsed);
    }

    private static FetchProblem failure(LookupResult.Failed<HttpsResponse> failed, String host) {
        String detail = failed.detail();
        return switch (failed.kind()) {
            case TIMEOUT -> new FetchProblem(Kind.TIMEOUT, "timeout: " + detail);
            case DEADLINE -> new FetchProblem(Kind.TIMEOUT, "no answer before the check's deadline: " + detail);
            case ADDRESS_REFUSED -> new FetchProblem(Kind.ADDRESS_REFUSED, "address refused: " + detail);
            case CONNECTION_REFUSED -> new FetchProblem(Kind.CONNECTION_REFUSED, "connection refused: " + detail);
            case CONNECTION_FAILED, PROTOCOL_ERROR ->
                new FetchProblem(Kind.CONNECTION_FAILED, "connection failed: " + detail);
            case TLS_FAILURE -> new FetchProblem(Kind.TLS_HANDSHAKE, "TLS handshake failed: " + detail);
            case SERVER_FAILURE, CNAME_LOOP ->
                new FetchProblem(Kind.HOST_LOOKUP_FAILED, "the DNS lookup of " + host + " fails: " + detail);
        };
    }

    private static void certificateProblems(TlsDetails tls, String host, Instant now, List<FetchProblem> problems) {
        Optional<CertificateInfo> leaf = tls.chain().isEmpty() ? Optional.empty() : Optional.of(tls.leaf());
        if (expired(tls, now)) {
            problems.add(new FetchProblem(Kind.CERTIFICATE_EXPIRED, "certificate " + expiry(tls, now)));
        } else if (tls.trust() == TlsDetails.Trust.NOT_YET_VALID
                || leaf.map(certificate -> certificate.notBefore().isAfter(now)).orElse(false)) {
            problems.add(new FetchProblem(
                    Kind.CERTIFICATE_NOT_YET_VALID,
                    "certificate not valid before"
                            + leaf.map(certificate -> " " + DATE.format(certificate.notBefore()))
                                    .orElse(" a later date")));
        }
        if (tls.trust() == TlsDetails.Trust.UNTRUSTED) {
            problems.add(new FetchProblem(
                    Kind.CERTIFICATE_UNTRUSTED,
                    "certificate not trusted" + (tls.trustDetail().isBlank() ? "" : ": " + tls.trustDetail())));
        }
        if (!tls.nameMatches()) {
            problems.add(new FetchProblem(Kind.CERTIFICATE_NAME_MISMATCH, "certificate not valid for " + host));
        }
    }

    private static void httpProblems(HttpsResponse response, List<FetchProblem> problems) {
        int status = response.status();
        if (status >= 300 && status < 400) {
            problems.add(new FetchProblem(
                    Kind.REDIRECT,
                    "HTTP " + status + " redirect"
                            + response.header("location")
                                    .map(location -> " to " + location)
                                    .orElse("")
                            + ", which senders do not follow"));
            return;
        }
        if (status != 200) {
            problems.add(new FetchProblem(Kind.HTTP_STATUS, "HTTP " + status + " instead of 200"));
            return;
        }
        Optional<String> mediaType = mediaType(response);
        if (mediaType.isEmpty()) {
            problems.add(new FetchProblem(Kind.CONTENT_TYPE, "no Content-Type (text/plain expected)"));
        } else if (!mediaType.get().equals("text/plain")) {
            problems.add(new FetchProblem(Kind.CONTENT_TYPE, "Content-Type " + mediaType.get() + ", not text/plain"));
        }
        if (response.truncated()) {
            problems.add(new FetchProblem(Kind.TOO_LARGE, "body over 64 KiB"));
        }
    }
}
