package dev.mtasts.checks.policy;

import static java.util.Objects.requireNonNull;

/**
 * A reason senders do not accept the fetched policy file (RFC 8461 §3.3), before its content is even read.
 *
 * @param kind what went wrong
 * @param summary a short phrase, e.g. {@code certificate expired on 2026-11-01}
 */
public record FetchProblem(Kind kind, String summary) {
    public FetchProblem {
        requireNonNull(kind, "kind is null");
        requireNonNull(summary, "summary is null");
    }

    public enum Kind {
        /** H1: the policy host does not resolve. */
        HOST_NOT_FOUND,
        /** H1: the policy host's DNS lookup failed. */
        HOST_LOOKUP_FAILED,
        /** H11: every address of the policy host is private, loopback or otherwise refused by the guard. */
        ADDRESS_REFUSED,
        /** H7: no complete answer in time. */
        TIMEOUT,
        /** H1: nothing listens on port 443. */
        CONNECTION_REFUSED,
        /** H1: the connection or the HTTP exchange failed. */
        CONNECTION_FAILED,
        /** H2/H8: the TLS handshake failed. */
        TLS_HANDSHAKE,
        /** H2: the certificate has expired. */
        CERTIFICATE_EXPIRED,
        /** H2: the certificate is not valid yet. */
        CERTIFICATE_NOT_YET_VALID,
        /** H2: the chain does not lead to a trusted root. */
        CERTIFICATE_UNTRUSTED,
        /** H2/H8: no SAN DNS-ID matches {@code mta-sts.<domain>}. */
        CERTIFICATE_NAME_MISMATCH,
        /** H4: a 3xx answer; redirects MUST NOT be followed. */
        REDIRECT,
        /** H4: any status other than 200. */
        HTTP_STATUS,
        /** H6: a media type other than text/plain (project decision: widely deployed senders reject it). */
        CONTENT_TYPE,
        /** H7: a body over 64 KiB. */
        TOO_LARGE
    }
}
