package dev.mtasts.tlsrpt;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tlsrpt} section of {@code config/mtasts.yml} (see {@code config/README.md}), bound by the engine's
 * {@code ConfigLoader} (kebab-case keys, {@code MTASTS_TLSRPT_...} environment overrides). The IMAP password comes
 * from {@code MTASTS_TLSRPT_IMAP_PASSWORD} only.
 *
 * @param failureThreshold the failure share above which subscribed channels are told: {@code 1%} or {@code 0.01}
 * @param imap the mailbox to poll for mailed reports; absent (or without a host): no polling
 * @param reportAddresses the {@code rua} URIs that deliver reports to this bot ({@code mailto:} the polled mailbox,
 *     {@code https://} the bot's {@code /tlsrpt} URL): the {@code tls-rpt} check says when the last report arrived
 *     for a domain whose record names one of them. Empty: it says nothing
 */
public record TlsRptConfig(
        String failureThreshold, @Nullable Imap imap, List<String> reportAddresses) {
    public static final String PASSWORD_VARIABLE = "MTASTS_TLSRPT_IMAP_PASSWORD";

    public TlsRptConfig {
        failureThreshold = failureThreshold == null || failureThreshold.isBlank() ? "1%" : failureThreshold.strip();
        share(failureThreshold); // validates
        reportAddresses = reportAddresses == null
                ? List.of()
                : reportAddresses.stream()
                        .map(String::strip)
                        .filter(uri -> !uri.isEmpty())
                        .toList();
        for (String uri : reportAddresses) {
            String lower = uri.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("mailto:") && !lower.startsWith("https://")) {
                throw new IllegalArgumentException(
                        "tlsrpt.report-addresses: '" + uri + "' is not a mailto: or https:// URI");
            }
        }
    }

    /** The settings without report addresses. */
    @SuppressWarnings("NullAway")
    public TlsRptConfig(String failureThreshold, @Nullable Imap imap) {
        this(failureThreshold, imap, null);
    }

    // A null component means "not set": the compact constructor puts the default in, as Jackson passes for a key
    // missing from the file.
    @SuppressWarnings("NullAway")
    public static TlsRptConfig defaults() {
        return new TlsRptConfig(null, null, null);
    }

    /** {@link #failureThreshold()} as a share in (0, 1]. */
    public double failureShare() {
        return share(failureThreshold);
    }

    /** The mailbox settings, when a host is configured. */
    public Optional<ImapSettings> imapSettings(Function<String, String> environment) {
        if (imap == null || imap.host() == null || imap.host().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(imap.settings(
                Optional.ofNullable(environment.apply(PASSWORD_VARIABLE)).filter(password -> !password.isEmpty())));
    }

    /**
     * {@code tlsrpt.imap}.
     *
     * @param host the IMAP server
     * @param port default 993 with TLS, 143 without
     * @param tls IMAPS (default true)
     * @param user the login
     * @param folder default {@code INBOX}
     * @param interval how often to look: ISO-8601 ({@code PT5M}) or whole seconds (default 5 minutes, at least 10 s)
     * @param timeout connect and read timeout (default 30 s)
     * @param delete delete imported messages instead of marking them read (default false)
     */
    public record Imap(
            String host,
            Integer port,
            Boolean tls,
            String user,
            String folder,
            String interval,
            String timeout,
            Boolean delete) {
        ImapSettings settings(Optional<String> password) {
            boolean secure = tls == null || tls;
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("tlsrpt.imap.user is required with tlsrpt.imap.host");
            }
            return new ImapSettings(
                    host.strip(),
                    port == null ? (secure ? 993 : 143) : port,
                    secure,
                    user.strip(),
                    password,
                    folder == null || folder.isBlank() ? "INBOX" : folder.strip(),
                    interval == null ? ImapSettings.DEFAULT_INTERVAL : duration("tlsrpt.imap.interval", interval),
                    timeout == null ? ImapSettings.DEFAULT_TIMEOUT : duration("tlsrpt.imap.timeout", timeout),
                    delete != null && delete);
        }
    }

    static double share(String text) {
        double value;
        try {
            value = text.endsWith("%")
                    ? Double.parseDouble(text.substring(0, text.length() - 1).strip()) / 100
                    : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "tlsrpt.failure-threshold must be a percentage such as 1% or a share such as 0.01, not '" + text
                            + "'");
        }
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(
                    "tlsrpt.failure-threshold must be above 0% and at most 100%, not " + text);
        }
        return value;
    }

    static Duration duration(String key, String text) {
        try {
            return text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                    ? Duration.ofSeconds(Long.parseLong(text))
                    : Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + " must be an ISO-8601 duration such as PT5M, or whole seconds, not '" + text + "'");
        }
    }
}
