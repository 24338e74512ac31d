package dev.mtasts.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logging set-up, in code rather than a logback.xml, because parsing XML was a visible part of every CLI start.
 * Logs go to stderr so stdout stays clean for reports and JSON. Level: {@code MTASTS_LOG_LEVEL}, else the
 * {@code mtasts.log.level} property (INFO for {@code serve}), else WARN. Format: text lines, or JSON lines with
 * {@code MTASTS_LOGGING_FORMAT=json} or {@code logging.format: json} ({@link #useFormat}). {@code
 * -Dlogback.configurationFile=FILE} still replaces all of it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** {@code json} switches to JSON lines from the very first line, before the configuration file is read. */
    static final String FORMAT_VARIABLE = "MTASTS_LOGGING_FORMAT";

    private static final String APPENDER = "STDERR";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String format = System.getenv(FORMAT_VARIABLE);
        Encoder<ILoggingEvent> encoder = encoder(
                context,
                format != null && format.strip().equalsIgnoreCase(BotConfig.Logging.JSON)
                        ? BotConfig.Logging.JSON
                        : BotConfig.Logging.TEXT);
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level());
        root.addAppender(appender);
        context.getLogger("org.xbill.DNS").setLevel(Level.WARN);
        context.getLogger("okhttp3").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Switches the console log to {@code format} ({@link BotConfig.Logging#TEXT} or {@link BotConfig.Logging#JSON}),
     * once the configuration has been read; lines already written stay as they were. Does nothing when a logback
     * configuration file replaced this set-up.
     */
    static void useFormat(String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        if (context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER)
                instanceof ConsoleAppender<ILoggingEvent> console) {
            console.stop();
            console.setEncoder(encoder(context, format));
            console.start();
        }
    }

    /**
     * The encoder of {@code format}: a readable line, or one JSON object per line (Logback's {@link JsonEncoder}:
     * timestamp, level, thread, logger, the formatted message, the MDC with a check's {@code check_id} and {@code
     * domain}, and the throwable).
     */
    static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
        if (format.equals(BotConfig.Logging.JSON)) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level [%thread] %logger{30} - %msg%n");
        encoder.start();
        return encoder;
    }

    private static Level level() {
        String configured = System.getenv("MTASTS_LOG_LEVEL");
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("mtasts.log.level", "WARN");
        }
        return Level.toLevel(configured.strip(), Level.WARN);
    }
}
