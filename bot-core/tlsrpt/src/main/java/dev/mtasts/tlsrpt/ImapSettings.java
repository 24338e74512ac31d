package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The mailbox {@code serve} polls for mailed reports ({@code tlsrpt.imap} in the configuration).
 *
 * @param host the IMAP server
 * @param port its port (993 for IMAPS, 143 for IMAP)
 * @param tls IMAPS (TLS from the first byte); false for plain IMAP (test servers, or a local relay)
 * @param user the login
 * @param password the password, from {@code MTASTS_TLSRPT_IMAP_PASSWORD}; never printed
 * @param folder the folder the reports arrive in
 * @param interval how often to look
 * @param timeout connect and read timeout
 * @param delete delete a message once its reports are imported (default: mark it read)
 */
public record ImapSettings(
        String host,
        int port,
        boolean tls,
        String user,
        Optional<String> password,
        String folder,
        Duration interval,
        Duration timeout,
        boolean delete) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ImapSettings {
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(folder, "folder is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(timeout, "timeout is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("tlsrpt.imap.host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("tlsrpt.imap.port must be 1 to 65535, not " + port);
        }
        if (interval.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("tlsrpt.imap.interval must be at least 10 seconds");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tlsrpt.imap.timeout must be positive");
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ImapSettings[" + (tls ? "imaps://" : "imap://") + user + "@" + host + ":" + port + "/" + folder
                + ", interval=" + interval + ", delete=" + delete + "]";
    }
}
