package dev.mtasts.core.chat;

/**
 * Where chat reads TLS-RPT reports from: a port the launcher binds to the report store (bot-core/tlsrpt), which the
 * engine cannot depend on. {@code /mtasts reports <domain>} asks it for the last {@link #DAYS} days.
 */
public interface TlsReports {
    /** The window chat shows, as the CLI's default. */
    int DAYS = 30;

    /**
     * The domain's reports over the last {@code days} days.
     *
     * @throws RuntimeException when the report store cannot be read; chat answers with a reference id
     */
    TlsRptSummary summary(String domain, int days);
}
