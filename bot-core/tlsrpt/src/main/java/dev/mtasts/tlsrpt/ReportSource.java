package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a report came from, for messages and for the policy domain of a report that lacks one.
 *
 * @param name what to call the input in messages: a file name, "-" for standard input, "POST /tlsrpt"
 * @param domainHint the domain the input names outside the report: the {@code /tlsrpt/{domain}} path, the
 *     {@code TLS-Report-Domain} header, or the {@code sender!policy-domain!begin!end} file name
 */
public record ReportSource(String name, Optional<String> domainHint) {
    public ReportSource {
        requireNonNull(name, "name is null");
        domainHint = requireNonNull(domainHint, "domainHint is null").flatMap(Domains::normalise);
    }

    /** A file (or attachment) name; a {@code submitter!policy-domain!begin!end[!id].json[.gz]} name gives the domain. */
    public static ReportSource ofFileName(String name) {
        return new ReportSource(name, domainFromFileName(name));
    }

    /** This source, with {@code hint} unless it already has a domain. */
    public ReportSource orHint(Optional<String> hint) {
        return domainHint.isPresent() ? this : new ReportSource(name, hint);
    }

    /** The policy domain in an RFC 8460 §5.3 file name, {@code submitter!policy-domain!begin!end[!id].ext}. */
    public static Optional<String> domainFromFileName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String[] parts = base.split("!", -1);
        if (parts.length < 4) {
            return Optional.empty();
        }
        return Domains.normalise(parts[1]);
    }
}
