package dev.mtasts.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.core.config.ConfigException;
import dev.mtasts.core.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tlsrpt} configuration section, loaded as serve loads its file. */
class TestTlsRptConfig {
    record Root(TlsRptConfig tlsrpt) {}

    @TempDir
    Path directory;

    private TlsRptConfig load(String yaml, Map<String, String> environment) throws Exception {
        Path file = Files.writeString(directory.resolve("mtasts.yml"), yaml);
        return new ConfigLoader(environment::get)
                .load(Optional.of(file), Root.class)
                .tlsrpt();
    }

    @Test
    void readsTheImapMailboxWithThePasswordFromTheEnvironment() throws Exception {
        TlsRptConfig config =
                load("""
                tlsrpt:
                  failure-threshold: 2%
                  imap:
                    host: imap.example.net
                    user: tlsrpt@example.com
                    interval: PT10M
                    delete: true
                """, Map.of("MTASTS_TLSRPT_IMAP_PASSWORD", "s3cret", "MTASTS_TLSRPT_IMAP_FOLDER", "Reports"));

        assertThat(config.failureShare()).isEqualTo(0.02);
        ImapSettings imap = config.imapSettings(Map.of("MTASTS_TLSRPT_IMAP_PASSWORD", "s3cret")::get)
                .orElseThrow();
        assertThat(imap)
                .isEqualTo(new ImapSettings(
                        "imap.example.net",
                        993,
                        true,
                        "tlsrpt@example.com",
                        Optional.of("s3cret"),
                        "Reports",
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(30),
                        true));
        assertThat(imap.toString()).doesNotContain("s3cret");
    }

    @Test
    void defaultsPollNothingAndNotifyAboveOnePercent() throws Exception {
        TlsRptConfig config = load("{}", Map.of());

        assertThat(config == null ? TlsRptConfig.defaults() : config).satisfies(defaults -> {
            assertThat(defaults.failureShare()).isEqualTo(0.01);
            assertThat(defaults.imapSettings(name -> null)).isEmpty();
        });
    }

    @Test
    void badValuesSayWhichKey() {
        assertThatThrownBy(() -> load("tlsrpt:\n  failure-threshold: lots\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tlsrpt.failure-threshold must be a percentage");
        assertThatThrownBy(() -> load("tlsrpt:\n  imap:\n    hots: x\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key 'tlsrpt.imap.hots'");
        assertThatThrownBy(() -> new TlsRptConfig.Imap("imap.example.net", null, null, null, null, null, null, null)
                        .settings(Optional.empty()))
                .hasMessage("tlsrpt.imap.user is required with tlsrpt.imap.host");
    }
}
