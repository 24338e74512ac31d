package dev.mtasts.checks.record;

import dev.mtasts.checks.record.RecordProblem.Rua;
import dev.mtasts.checks.record.RecordProblem.TlsRptKind;
import dev.mtasts.spi.Severity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses one {@code _smtp._tls} TXT record literally by RFC 8460 §3:
 *
 * <pre>
 * tlsrpt-record = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
 * tlsrpt-field  = tlsrpt-rua / tlsrpt-extension   ; Note that the tlsrpt-rua record is required.
 * tlsrpt-rua    = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
 * tlsrpt-uri    = URI   ; commas, exclamation points and semicolons MUST be encoded
 * </pre>
 *
 * Repeated {@code rua} fields are grammatical (R8) and all their URIs count. A URI that is not RFC 3986 makes the
 * record unparseable (R6/R7); a well-formed URI with an unencoded {@code !}, an unsupported scheme or no usable
 * address only loses that destination.
 */
public final class TlsRptRecordParser {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern SIZE_SUFFIX = Pattern.compile("![0-9]+[kKmMgGtT]?$");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern PORT = Pattern.compile("[0-9]{0,5}");

    private TlsRptRecordParser() {}

    /** Parses a record that begins with {@code v=TLSRPTv1} (see {@link RecordDialect#isCandidate(String)}). */
    public static TlsRptRecordSyntax parse(String text) {
        TagValueSyntax syntax = TagValueParser.parse(text, RecordDialect.TLSRPT);
        List<RecordProblem<? extends TlsRptKind>> problems = new ArrayList<>(syntax.problems());
        List<TagField> ruaFields = syntax.named("rua");
        List<ReportUri> uris = new ArrayList<>();
        if (ruaFields.isEmpty()) {
            String hint = syntax.lookalike("rua")
                    .map(field -> " \"" + field.name() + "=\" is not \"rua=\": field names are case-sensitive.")
                    .orElse("");
            problems.add(new RecordProblem<>(
                    Rua.MISSING,
                    Severity.FAIL,
                    "R5",
                    "The record has no rua field, which RFC 8460 requires; reporters have nowhere to send" + " reports."
                            + hint,
                    "rua missing"));
        }
        if (ruaFields.size() > 1) {
            problems.add(new RecordProblem<>(
                    Rua.MULTIPLE,
                    Severity.INFO,
                    "R8",
                    "The record has " + ruaFields.size() + " rua fields. The grammar allows this; reporters may"
                            + " send to any or all of their URIs.",
                    "several rua fields"));
        }
        for (TagField rua : ruaFields) {
            if (!rua.valueWellFormed()) {
                continue;
            }
            if (rua.value().isEmpty()) {
                problems.add(new RecordProblem<>(
                        Rua.URI_SYNTAX,
                        Severity.FAIL,
                        "R6",
                        "rua= is empty; it must list at least one mailto: or https: URI.",
                        "empty rua"));
                continue;
            }
            for (String uri : rua.value().split("[ \t]*,[ \t]*", -1)) {
                uris.add(checkUri(uri, problems));
            }
        }
        boolean allUnsupported =
                !uris.isEmpty() && uris.stream().allMatch(uri -> isUriSyntax(uri.uri()) && !isSupported(uri.scheme()));
        if (allUnsupported) {
            problems.add(new RecordProblem<>(
                    Rua.SCHEME_UNSUPPORTED,
                    Severity.FAIL,
                    "R6",
                    "No rua URI uses mailto: or https:, the only schemes RFC 8460 defines ("
                            + uris.stream().map(ReportUri::uri).collect(Collectors.joining(", "))
                            + "); reporters cannot deliver any report.",
                    "no mailto: or https: URI"));
        } else {
            for (ReportUri uri : uris) {
                if (isUriSyntax(uri.uri()) && !isSupported(uri.scheme())) {
                    problems.add(new RecordProblem<>(
                            Rua.SCHEME_UNSUPPORTED,
                            Severity.WARN,
                            "R6",
                            "The rua URI " + uri.uri() + " uses the scheme " + uri.scheme() + ":, which RFC 8460"
                                    + " does not define; reporters skip it and use the other URIs.",
                            "unsupported scheme " + uri.scheme()));
                }
            }
        }
        problems.addAll(RecordDialect.TLSRPT.otherFieldProblems(syntax.fields()));
        return new TlsRptRecordSyntax(syntax, uris, problems);
    }

    private static ReportUri checkUri(String uri, List<RecordProblem<? extends TlsRptKind>> problems) {
        if (uri.isEmpty()) {
            problems.add(new RecordProblem<>(
                    Rua.URI_SYNTAX,
                    Severity.FAIL,
                    "R6",
                    "rua has an empty entry (a stray \",\"); every entry must be a URI.",
                    "empty rua entry"));
            return new ReportUri(uri, false);
        }
        int colon = uri.indexOf(':');
        if (colon <= 0 || !SCHEME.matcher(uri.substring(0, colon)).matches()) {
            String hint = uri.contains("@")
                    ? " If it is a second address of a mailto: URI, the comma before it must be encoded as %2C, or"
                            + " it needs its own mailto:."
                    : "";
            problems.add(new RecordProblem<>(
                    Rua.URI_SYNTAX,
                    Severity.FAIL,
                    "R6",
                    "The rua entry \"" + uri + "\" is not a URI: it has no scheme such as mailto: or https:. The"
                            + " record does not parse, so reporters ignore it." + hint,
                    "rua entry " + uri + " is not a URI"));
            return new ReportUri(uri, false);
        }
        String badEscape = badPercentEncoding(uri);
        if (!badEscape.isEmpty()) {
            problems.add(new RecordProblem<>(
                    Rua.URI_SYNTAX,
                    Severity.FAIL,
                    "R6",
                    "The rua URI " + uri + " has a malformed percent escape (\"" + badEscape + "\"); \"%\" must be"
                            + " followed by two hex digits. The record does not parse.",
                    "malformed escape in " + uri));
            return new ReportUri(uri, false);
        }
        if (uri.indexOf('#') != uri.lastIndexOf('#')) {
            problems.add(new RecordProblem<>(
                    Rua.URI_SYNTAX,
                    Severity.FAIL,
                    "R6",
                    "The rua URI " + uri + " has more than one \"#\"; it is not a URI. The record does not parse.",
                    "two \"#\" in " + uri));
            return new ReportUri(uri, false);
        }
        if (uri.contains("!")) {
            String message = SIZE_SUFFIX.matcher(uri).find()
                    ? "The rua URI " + uri + " ends in a DMARC-style size limit (\"" + sizeSuffix(uri) + "\"). RFC"
                            + " 8460 has no size limit and requires \"!\" to be encoded, so reports go to an address"
                            + " that includes the suffix and are lost."
                    : "The rua URI " + uri + " holds an unencoded \"!\", which RFC 8460 requires to be encoded as"
                            + " %21; reports to it are likely lost.";
            problems.add(new RecordProblem<>(Rua.URI_UNENCODED, Severity.FAIL, "R7", message, "\"!\" in " + uri));
            return new ReportUri(uri, false);
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = uri.substring(colon + 1);
        return switch (scheme) {
            case "mailto" -> checkMailto(uri, rest, problems);
            case "https" -> checkHttps(uri, rest, problems);
            default -> new ReportUri(uri, false);
        };
    }

    private static ReportUri checkMailto(String uri, String rest, List<RecordProblem<? extends TlsRptKind>> problems) {
        int query = rest.indexOf('?');
        String addresses = percentDecode(query < 0 ? rest : rest.substring(0, query));
        if (addresses.isEmpty()) {
            problems.add(invalid(uri, "has no address", "mailto: without an address"));
            return new ReportUri(uri, false);
        }
        for (String address : addresses.split(",", -1)) {
            int at = address.lastIndexOf('@');
            if (at <= 0 || !isHostName(address.substring(at + 1), true)) {
                problems.add(invalid(
                        uri,
                        "does not hold a valid e-mail address (\"" + address + "\")",
                        "invalid address in " + uri));
                return new ReportUri(uri, false);
            }
        }
        return new ReportUri(uri, true);
    }

    private static ReportUri checkHttps(String uri, String rest, List<RecordProblem<? extends TlsRptKind>> problems) {
        if (!rest.startsWith("//")) {
            problems.add(invalid(uri, "has no host (it must start with https://)", "no host in " + uri));
            return new ReportUri(uri, false);
        }
        String afterSlashes = rest.substring(2);
        int end = afterSlashes.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int index = afterSlashes.indexOf(stop);
            if (index >= 0 && index < end) {
                end = index;
            }
        }
        String authority = afterSlashes.substring(0, end);
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host = hostAndPort;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            host = close < 0 ? "" : hostAndPort.substring(0, close + 1);
            String after = close < 0 ? "" : hostAndPort.substring(close + 1);
            if (close < 0
                    || !(after.isEmpty()
                            || (after.startsWith(":")
                                    && PORT.matcher(after.substring(1)).matches()))) {
                problems.add(invalid(uri, "has a malformed host", "malformed host in " + uri));
                return new ReportUri(uri, false);
            }
            return new ReportUri(uri, true);
        }
        int portColon = hostAndPort.indexOf(':');
        if (portColon >= 0) {
            host = hostAndPort.substring(0, portColon);
            if (!PORT.matcher(hostAndPort.substring(portColon + 1)).matches()) {
                problems.add(invalid(uri, "has a malformed port", "malformed port in " + uri));
                return new ReportUri(uri, false);
            }
        }
        if (!isHostName(host, false) && !IPV4.matcher(host).matches()) {
            problems.add(invalid(uri, "has no valid host name", "no valid host in " + uri));
            return new ReportUri(uri, false);
        }
        return new ReportUri(uri, true);
    }

    private static RecordProblem<Rua> invalid(String uri, String reason, String summary) {
        return new RecordProblem<>(
                Rua.URI_INVALID,
                Severity.FAIL,
                "R6",
                "The rua URI " + uri + " " + reason + "; reporters cannot deliver to it.",
                summary);
    }

    static boolean isSupported(String scheme) {
        return scheme.equals("mailto") || scheme.equals("https");
    }

    private static boolean isUriSyntax(String uri) {
        int colon = uri.indexOf(':');
        return colon > 0 && SCHEME.matcher(uri.substring(0, colon)).matches();
    }

    /** A host name of LDH labels; {@code requireDot} asks for at least two labels (mail domains). */
    static boolean isHostName(String host, boolean requireDot) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > 253 || (requireDot && !name.contains("."))) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String badPercentEncoding(String uri) {
        for (int index = 0; index < uri.length(); index++) {
            if (uri.charAt(index) == '%') {
                if (index + 2 >= uri.length() || !isHex(uri.charAt(index + 1)) || !isHex(uri.charAt(index + 2))) {
                    return uri.substring(index, Math.min(uri.length(), index + 3));
                }
            }
        }
        return "";
    }

    private static boolean isHex(char character) {
        return (character >= '0' && character <= '9')
                || (character >= 'a' && character <= 'f')
                || (character >= 'A' && character <= 'F');
    }

    /** Decodes {@code %XX} escapes byte by byte as UTF-8; the input's escapes are known to be well-formed. */
    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character == '%' && index + 2 < text.length()) {
                bytes.write(Integer.parseInt(text.substring(index + 1, index + 3), 16));
                index += 2;
            } else {
                bytes.write(character);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String sizeSuffix(String uri) {
        Matcher matcher = SIZE_SUFFIX.matcher(uri);
        return matcher.find() ? matcher.group() : "";
    }
}
