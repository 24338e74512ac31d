package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls an IMAP mailbox for mailed TLS-RPT reports and imports them: every unread message in the folder is read
 * (up to {@link ReportLimits#maxMessageBytes()}), its reports stored, and the message marked read (or deleted). A
 * message whose reports could not be stored (the database failed) stays unread and is tried again at the next poll.
 * A message with no report, or only rejected ones, is marked read too, so it is not read again.
 *
 * <p>{@link #start()} and {@link #stop()} fit {@code serve}'s lifecycle; {@link #pollOnce()} is one look.
 */
public final class TlsRptMailboxPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsRptMailboxPoller.class);

    private final ImapSettings settings;
    private final TlsRptService service;
    private @Nullable ScheduledExecutorService scheduler;

    public TlsRptMailboxPoller(ImapSettings settings, TlsRptService service) {
        this.settings = requireNonNull(settings, "settings is null");
        this.service = requireNonNull(service, "service is null");
    }

    /** What one poll did. */
    public record Poll(int messages, List<ImportOutcome> outcomes) {
        public Poll {
            outcomes = List.copyOf(requireNonNull(outcomes, "outcomes is null"));
        }
    }

    /** Polls now and then every {@link ImapSettings#interval()} on a daemon thread, until {@link #stop()}. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mtasts-tlsrpt-imap");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pollLogged, 0, period, TimeUnit.MILLISECONDS);
        LOG.info("TLS-RPT mailbox: polling {}", settings);
    }

    /** Stops polling; a poll in progress finishes (bounded by the timeouts). Idempotent. */
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void pollLogged() {
        try {
            Poll poll = pollOnce();
            if (poll.messages() > 0) {
                LOG.info(
                        "TLS-RPT mailbox: {} messages, {} reports",
                        poll.messages(),
                        poll.outcomes().size());
            }
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("TLS-RPT mailbox {}: {}", settings, e.getMessage());
        }
    }

    /** Reads the unread messages once and imports their reports. */
    public Poll pollOnce() throws MessagingException {
        Session session = Session.getInstance(properties());
        String protocol = settings.tls() ? "imaps" : "imap";
        List<ImportOutcome> outcomes = new ArrayList<>();
        int messages = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(
                    settings.host(),
                    settings.port(),
                    settings.user(),
                    settings.password().orElse(""));
            Folder folder = store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (Message message : unread) {
                    messages++;
                    String name = "imap " + settings.folder() + " #" + message.getMessageNumber();
                    List<ImportOutcome> imported;
                    try {
                        imported = importMessage(message, name);
                    } catch (TlsRptStoreException e) {
                        LOG.warn("{}: {}; will retry", name, e.getMessage());
                        message.setFlag(Flags.Flag.SEEN, false);
                        continue;
                    }
                    for (ImportOutcome outcome : imported) {
                        LOG.info("{}: {}", outcome.source(), outcome.line());
                    }
                    outcomes.addAll(imported);
                    message.setFlag(settings.delete() ? Flags.Flag.DELETED : Flags.Flag.SEEN, true);
                    if (settings.delete()) {
                        message.setFlag(Flags.Flag.SEEN, true);
                    }
                }
            } finally {
                folder.close(settings.delete());
            }
        }
        return new Poll(messages, outcomes);
    }

    private List<ImportOutcome> importMessage(Message message, String name) throws MessagingException {
        long limit = service.limits().maxMessageBytes();
        int size = message.getSize();
        if (size > limit) {
            return List.of(new ImportOutcome.Rejected(
                    name, new ParseResult.Rejected(Rejection.TOO_LARGE, "the message is " + size + " bytes")));
        }
        Bounded out = new Bounded(limit);
        try {
            message.writeTo(out);
        } catch (IOException e) {
            return List.of(new ImportOutcome.Rejected(
                    name,
                    new ParseResult.Rejected(
                            out.exceeded ? Rejection.TOO_LARGE : Rejection.UNREADABLE,
                            String.valueOf(e.getMessage()))));
        }
        return service.acceptMessage(new ByteArrayInputStream(out.toByteArray()), name);
    }

    private Properties properties() {
        Properties properties = new Properties();
        String protocol = settings.tls() ? "imaps" : "imap";
        String timeout = Long.toString(settings.timeout().toMillis());
        properties.setProperty("mail." + protocol + ".connectiontimeout", timeout);
        properties.setProperty("mail." + protocol + ".timeout", timeout);
        properties.setProperty("mail." + protocol + ".writetimeout", timeout);
        if (settings.tls()) {
            properties.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        }
        return properties;
    }

    /** A buffer that refuses to grow past the limit. */
    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final long limit;
        private boolean exceeded;

        Bounded(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (buffer.size() + (long) length > limit) {
                exceeded = true;
                throw new IOException("the message is larger than " + limit + " bytes");
            }
            buffer.write(bytes, offset, length);
        }

        byte[] toByteArray() {
            return buffer.toByteArray();
        }
    }
}
