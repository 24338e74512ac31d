package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.mtasts.core.CheckPlugins;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.logging.CheckLogContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code logging.format: json}: one JSON object per line, with the check id carried through a check's log lines. */
class TestJsonLogs {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theJsonFormatWritesOneObjectPerLineWithTheFormattedMessageAndTheMdc() throws Exception {
        LoggerContext context = new LoggerContext();
        Encoder<ILoggingEvent> encoder = LogConfigurator.encoder(context, BotConfig.Logging.JSON);
        LoggingEvent event = new LoggingEvent(
                "dev.mtasts.Example",
                context.getLogger("dev.mtasts.Example"),
                Level.WARN,
                "checked {} with \"quotes\"\nand a new line",
                null,
                new Object[] {"example.com"});
        event.setMDCPropertyMap(Map.of("check_id", "0123abcd", "domain", "example.com"));

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("level").asText()).isEqualTo("WARN");
        assertThat(node.get("loggerName").asText()).isEqualTo("dev.mtasts.Example");
        assertThat(node.get("formattedMessage").asText())
                .isEqualTo("checked example.com with \"quotes\"\nand a new line");
        assertThat(node.get("mdc").get("check_id").asText()).isEqualTo("0123abcd");
        assertThat(node.has("timestamp")).isTrue();
        assertThat(new String(
                        LogConfigurator.encoder(context, BotConfig.Logging.TEXT).encode(event), StandardCharsets.UTF_8))
                .contains("WARN")
                .contains("checked example.com");
    }

    @Test
    void aChecksLogLinesCarryItsIdAndDomain() {
        Injector injector = Guice.createInjector(
                Stage.PRODUCTION,
                new EngineModule(EngineSettings.defaults()
                        .withResolvers(List.of("127.0.0.1:9"))
                        .withRefusedSuffixes(List.of("internal"))),
                CheckPlugins.of(new TestWebEndToEnd.HostilePlugin()));
        // The engine's loggers (the runner logs the refusal), by their common parent.
        Logger runner = (Logger) LoggerFactory.getLogger("dev.mtasts.core");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        runner.addAppender(captured);
        Level level = runner.getLevel();
        runner.setLevel(Level.INFO);
        try {
            // A name under an internal suffix is refused before any lookup, with one INFO line from the engine.
            injector.getInstance(CheckService.class).check((DomainInput.Valid) DomainInput.parse("printer.internal"));
        } finally {
            runner.detachAppender(captured);
            runner.setLevel(level);
        }
        assertThat(captured.list).isNotEmpty();
        ILoggingEvent refused = captured.list.stream()
                .filter(event -> event.getFormattedMessage().startsWith("refused to check"))
                .findFirst()
                .orElseThrow();
        assertThat(refused.getFormattedMessage()).contains("printer.internal");
        assertThat(refused.getMDCPropertyMap().get(CheckLogContext.DOMAIN)).isEqualTo("printer.internal");
        assertThat(refused.getMDCPropertyMap().get(CheckLogContext.CHECK_ID)).matches("[0-9a-f]{16}");
    }

    @Test
    void loggingFormatIsTextOrJsonAndNothingElse() {
        assertThat(new BotConfig.Logging(null).format()).isEqualTo(BotConfig.Logging.TEXT);
        assertThat(new BotConfig.Logging(" JSON ").format()).isEqualTo(BotConfig.Logging.JSON);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BotConfig.Logging("xml"))
                .hasMessageContaining("logging.format");
    }
}
