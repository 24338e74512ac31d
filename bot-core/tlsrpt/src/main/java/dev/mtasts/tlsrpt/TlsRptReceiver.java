package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS reporting endpoint of RFC 8460 §5.3, independent of the HTTP server: the server routes
 * {@code POST /tlsrpt} and {@code POST /tlsrpt/{domain}} here and writes the {@link Reply} back.
 *
 * <ul>
 *   <li>201 once a new report is stored, 200 for a report already stored (same organisation and report-id);
 *   <li>400 with the reason for a body that is not a report;
 *   <li>413 for a body (or its inflated content) past the size or ratio limit;
 *   <li>415 for a media type other than {@code application/tlsrpt+json} and {@code application/tlsrpt+gzip};
 *   <li>503 when the database cannot store it (the sender retries).
 * </ul>
 */
public final class TlsRptReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(TlsRptReceiver.class);
    /** The endpoint's path; {@code PATH + "/{domain}"} names the policy domain. */
    public static final String PATH = "/tlsrpt";

    private final TlsRptService service;

    public TlsRptReceiver(TlsRptService service) {
        this.service = requireNonNull(service, "service is null");
    }

    /**
     * The reply to a POST: status and a short plain-text body.
     *
     * @param status the HTTP status
     * @param body one line of text, ending in a newline
     */
    public record Reply(int status, String body) {
        public Reply {
            requireNonNull(body, "body is null");
        }
    }

    /**
     * The {@code {domain}} of a request path: empty for {@code /tlsrpt}, the segment for {@code /tlsrpt/{domain}}
     * (percent-decoded by the caller or not; an invalid one is answered 400 by {@link #receive}). Throws
     * {@link IllegalArgumentException} for a path this endpoint does not serve.
     */
    public static Optional<String> pathDomain(String path) {
        requireNonNull(path, "path is null");
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals(PATH)) {
            return Optional.empty();
        }
        if (trimmed.startsWith(PATH + "/") && trimmed.indexOf('/', PATH.length() + 1) < 0) {
            return Optional.of(trimmed.substring(PATH.length() + 1));
        }
        throw new IllegalArgumentException("not a TLS-RPT path: " + ReportParser.abbreviate(path));
    }

    /**
     * Handles one POST.
     *
     * @param pathDomain the {@code {domain}} of {@code /tlsrpt/{domain}}, for a report without a policy-domain
     * @param contentType the request's {@code Content-Type} (parameters ignored); null when absent
     * @param contentLength the request's {@code Content-Length}, when sent
     * @param body the request body, read at most up to the size limit; not closed
     */
    public Reply receive(
            Optional<String> pathDomain, String contentType, OptionalLong contentLength, InputStream body) {
        requireNonNull(pathDomain, "pathDomain is null");
        requireNonNull(contentLength, "contentLength is null");
        requireNonNull(body, "body is null");
        String type =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/tlsrpt+json") && !type.equals("application/tlsrpt+gzip")) {
            return new Reply(415, "send application/tlsrpt+json or application/tlsrpt+gzip\n");
        }
        long limit = service.limits().maxBytes();
        if (contentLength.isPresent() && contentLength.getAsLong() > limit) {
            return new Reply(413, "the report is larger than " + limit + " bytes\n");
        }
        Optional<String> hint = pathDomain.flatMap(Domains::normalise);
        if (pathDomain.isPresent() && hint.isEmpty()) {
            return new Reply(400, "the path does not name a domain\n");
        }
        String name = "POST /tlsrpt" + hint.map(domain -> "/" + domain).orElse("");
        ImportOutcome outcome;
        try {
            outcome = service.accept(body, new ReportSource(name, hint));
        } catch (TlsRptStoreException e) {
            LOG.warn("could not store a TLS-RPT report: {}", e.getMessage());
            return new Reply(503, "the report could not be stored; try again later\n");
        }
        return switch (outcome) {
            case ImportOutcome.Stored stored -> {
                LOG.info("{}: {}", name, stored.line());
                yield new Reply(201, "stored\n");
            }
            case ImportOutcome.Duplicate duplicate -> new Reply(200, "already stored\n");
            case ImportOutcome.Rejected rejected -> {
                LOG.info("{}: {}", name, rejected.line());
                yield switch (rejected.rejection().reason()) {
                    case TOO_LARGE, COMPRESSION_RATIO ->
                        new Reply(413, rejected.rejection().line() + "\n");
                    case TOO_DEEP,
                            TOO_MANY_FAILURE_DETAILS,
                            BAD_GZIP,
                            NOT_JSON,
                            NOT_A_REPORT,
                            NO_POLICY_DOMAIN,
                            NO_REPORT_IN_MESSAGE,
                            UNREADABLE -> new Reply(400, rejected.rejection().line() + "\n");
                };
            }
        };
    }
}
