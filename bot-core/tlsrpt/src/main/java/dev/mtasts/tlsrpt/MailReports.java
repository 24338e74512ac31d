package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import dev.mtasts.tlsrpt.ParseResult.Rejected;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Reads the reports attached to a mailed TLS-RPT message (RFC 8460 §5.3): a {@code multipart/report;
 * report-type="tlsrpt"} message whose report part is {@code application/tlsrpt+json} or {@code application/tlsrpt+gzip}.
 * Parsed with Angus Mail. The policy domain of a report that lacks one comes from the {@code TLS-Report-Domain}
 * header, else from the attachment's file name.
 */
public final class MailReports {
    private static final int MAX_DEPTH = 8;
    private static final Session SESSION = Session.getInstance(new Properties());

    private final ReportParser parser;

    public MailReports(ReportParser parser) {
        this.parser = requireNonNull(parser, "parser is null");
    }

    /** One report attachment's outcome. */
    public record Attachment(String name, ParseResult result) {
        public Attachment {
            requireNonNull(name, "name is null");
            requireNonNull(result, "result is null");
        }
    }

    /**
     * The outcome of every report attachment in the message, in message order; one {@link Rejected} entry when the
     * message cannot be read or carries no report. The stream is read up to {@link ReportLimits#maxMessageBytes()}.
     */
    public List<Attachment> read(InputStream message, String name) {
        requireNonNull(message, "message is null");
        requireNonNull(name, "name is null");
        byte[] raw;
        try {
            raw = readBounded(message, parser.limits().maxMessageBytes());
        } catch (LimitExceeded e) {
            return List.of(new Attachment(name, new Rejected(e.reason(), "the message is " + e.getMessage())));
        } catch (IOException e) {
            return List.of(new Attachment(name, new Rejected(Rejection.UNREADABLE, String.valueOf(e.getMessage()))));
        }
        try {
            MimeMessage mime = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Optional<String> headerDomain = Optional.ofNullable(mime.getHeader("TLS-Report-Domain", ","))
                    .flatMap(Domains::normalise);
            List<Attachment> out = new ArrayList<>();
            collect(mime, name, headerDomain, 0, out);
            if (out.isEmpty()) {
                return List.of(new Attachment(name, new Rejected(Rejection.NO_REPORT_IN_MESSAGE, "")));
            }
            return out;
        } catch (MessagingException | IOException | RuntimeException e) {
            return List.of(new Attachment(
                    name, new Rejected(Rejection.UNREADABLE, "malformed message: " + String.valueOf(e.getMessage()))));
        }
    }

    private void collect(Part part, String name, Optional<String> headerDomain, int depth, List<Attachment> out)
            throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        ContentType type = contentType(part);
        if (type != null && type.match("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int index = 0; index < multipart.getCount(); index++) {
                    BodyPart child = multipart.getBodyPart(index);
                    collect(child, name, headerDomain, depth + 1, out);
                }
            }
            return;
        }
        if (!isReport(type, part)) {
            return;
        }
        String fileName = Optional.ofNullable(safeFileName(part)).orElse(name);
        // The attachment's name is the sender's text: shown in messages and logs, so made one inert line.
        String shown = ReportParser.abbreviate(fileName.length() > 200 ? fileName.substring(0, 200) : fileName);
        ReportSource source = new ReportSource(name + " (" + shown + ")", headerDomain)
                .orHint(ReportSource.domainFromFileName(fileName));
        try (InputStream body = part.getInputStream()) {
            out.add(new Attachment(source.name(), parser.parse(body, source)));
        }
    }

    /** A report part: the two registered types, or a JSON or gzip attachment named like a report. */
    private static boolean isReport(@Nullable ContentType type, Part part) {
        if (type == null) {
            return false;
        }
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        if (base.equals("application/tlsrpt+json") || base.equals("application/tlsrpt+gzip")) {
            return true;
        }
        String file = safeFileName(part);
        return file != null
                && (base.equals("application/json")
                        || base.equals("application/gzip")
                        || base.equals("application/x-gzip")
                        || base.equals("application/octet-stream"))
                && ReportSource.domainFromFileName(file).isPresent();
    }

    private static @Nullable ContentType contentType(Part part) throws MessagingException {
        String header = part.getContentType();
        if (header == null) {
            return null;
        }
        try {
            return new ContentType(header);
        } catch (ParseException e) {
            return null;
        }
    }

    private static @Nullable String safeFileName(Part part) {
        try {
            return part.getFileName();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static byte[] readBounded(InputStream in, long limit) throws IOException {
        return BoundedInput.capped(in, limit).readAllBytes();
    }
}
