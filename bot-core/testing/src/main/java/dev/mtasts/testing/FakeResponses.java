package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.CertificateInfo;
import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.TlsDetails;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@link HttpsResponse}, {@link TlsDetails} and {@link CertificateInfo} values for unit tests of checks run
 * through {@link FakeDomainContext}. Defaults describe a healthy policy host: HTTP 200, {@code text/plain}, a
 * trusted certificate for {@code mta-sts.<domain>} valid around {@link FakeDomainContext}'s default time
 * (2026-11-28), fetched in 120 ms from 192.0.2.80.
 */
public final class FakeResponses {
    /** Default certificate start, two months before {@link FakeDomainContext}'s default time. */
    public static final Instant NOT_BEFORE = Instant.parse("2026-09-28T00:00:00Z");

    /** Default certificate end, two months after {@link FakeDomainContext}'s default time. */
    public static final Instant NOT_AFTER = Instant.parse("2027-01-28T00:00:00Z");

    private FakeResponses() {}

    /** A healthy 200 response for {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} with this body. */
    public static Builder policy(String domain, String body) {
        return new Builder(domain).body(body);
    }

    /** A healthy 200 response with an empty body, to be adjusted. */
    public static Builder response(String domain) {
        return new Builder(domain);
    }

    /** A certificate for the given DNS names (the first is also the subject CN), valid with the default dates. */
    public static CertificateInfo certificate(String... dnsNames) {
        return certificate(NOT_BEFORE, NOT_AFTER, dnsNames);
    }

    public static CertificateInfo certificate(Instant notBefore, Instant notAfter, String... dnsNames) {
        String subject = dnsNames.length == 0 ? "CN=unnamed" : "CN=" + dnsNames[0];
        return new CertificateInfo(
                subject, "CN=Fake Issuing CA, O=mtasts tests", List.of(dnsNames), notBefore, notAfter, "00".repeat(32));
    }

    /** A trusted TLS 1.3 handshake whose certificate matches the name asked for. */
    public static TlsDetails trusted(CertificateInfo leaf) {
        return new TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of(leaf), TlsDetails.Trust.TRUSTED, "", true);
    }

    public static final class Builder {
        private final String domain;
        private int status = 200;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private boolean truncated;
        private Duration elapsed = Duration.ofMillis(120);
        private InetAddress address = literal("192.0.2.80");
        private List<CertificateInfo> chain;
        private TlsDetails.Trust trust = TlsDetails.Trust.TRUSTED;
        private String trustDetail = "";
        private boolean nameMatches = true;
        private String protocol = "TLSv1.3";

        private Builder(String domain) {
            this.domain = requireNonNull(domain, "domain is null");
            this.chain = List.of(certificate("mta-sts." + domain));
            headers.put("content-type", List.of("text/plain"));
        }

        public Builder status(int status) {
            this.status = status;
            return this;
        }

        /** Sets a header (name matched case-insensitively), replacing earlier values. */
        public Builder header(String name, String... values) {
            headers.put(name.toLowerCase(Locale.ROOT), List.of(values));
            return this;
        }

        public Builder contentType(String value) {
            return header("content-type", value);
        }

        public Builder noContentType() {
            headers.remove("content-type");
            return this;
        }

        /** A redirect: the status and its {@code Location}. */
        public Builder redirect(int status, String location) {
            return status(status).header("location", location);
        }

        public Builder body(String body) {
            return body(body.getBytes(StandardCharsets.UTF_8));
        }

        public Builder body(byte[] body) {
            this.body = Arrays.copyOf(body, body.length);
            return this;
        }

        /** The body as read up to the cap, with the flag that reading stopped there. */
        public Builder truncated(boolean truncated) {
            this.truncated = truncated;
            return this;
        }

        public Builder elapsed(Duration elapsed) {
            this.elapsed = requireNonNull(elapsed, "elapsed is null");
            return this;
        }

        public Builder address(String literal) {
            this.address = literal(literal);
            return this;
        }

        /** The presented chain, leaf first. */
        public Builder chain(CertificateInfo... chain) {
            this.chain = List.of(chain);
            return this;
        }

        /** The leaf certificate's DNS names, with the default dates. */
        public Builder dnsNames(String... dnsNames) {
            return chain(certificate(dnsNames));
        }

        /** The leaf certificate's validity, for the default name {@code mta-sts.<domain>}. */
        public Builder validity(Instant notBefore, Instant notAfter) {
            return chain(certificate(notBefore, notAfter, "mta-sts." + domain));
        }

        public Builder trust(TlsDetails.Trust trust, String detail) {
            this.trust = requireNonNull(trust, "trust is null");
            this.trustDetail = requireNonNull(detail, "detail is null");
            return this;
        }

        public Builder nameMatches(boolean nameMatches) {
            this.nameMatches = nameMatches;
            return this;
        }

        public Builder protocol(String protocol) {
            this.protocol = requireNonNull(protocol, "protocol is null");
            return this;
        }

        public HttpsResponse build() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            headers.forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
            return new HttpsResponse(
                    URI.create("https://mta-sts." + domain + "/.well-known/mta-sts.txt"),
                    address,
                    status,
                    copy,
                    body,
                    truncated,
                    elapsed,
                    new TlsDetails(protocol, "TLS_AES_128_GCM_SHA256", chain, trust, trustDetail, nameMatches));
        }

        /** The response as the context's policy fetch result. */
        public LookupResult<HttpsResponse> found() {
            return LookupResult.found(build());
        }

        private static InetAddress literal(String literal) {
            try {
                return InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address literal: " + literal, e);
            }
        }
    }
}
