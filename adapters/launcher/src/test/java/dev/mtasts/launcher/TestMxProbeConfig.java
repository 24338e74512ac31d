package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.core.config.ConfigException;
import dev.mtasts.core.config.ConfigLoader;
import dev.mtasts.core.smtp.SmtpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mx-probe} section of the serve configuration: defaults, the file, the environment, bad values. */
final class TestMxProbeConfig {
    @TempDir
    Path directory;

    @Test
    void defaultsProbeTenHostsWithTheDefaultEhloName() throws Exception {
        BotConfig config = new ConfigLoader(name -> null).load(Optional.empty(), BotConfig.class);

        SmtpSettings settings = config.mxProbe().apply(SmtpSettings.defaults());

        assertThat(settings.maxHosts()).isEqualTo(10);
        assertThat(settings.ehloName()).isEqualTo(SmtpSettings.defaultEhloName());
    }

    @Test
    void theShippedConfigurationLoads() throws Exception {
        Path shipped = Path.of("..", "..", "config", "mtasts.yml");

        BotConfig config = new ConfigLoader(name -> null).load(Optional.of(shipped), BotConfig.class);

        assertThat(config.mxProbe().maxHosts()).isEqualTo(SmtpSettings.DEFAULT_MAX_HOSTS);
    }

    @Test
    void fileAndEnvironmentSetTheLimitAndTheEhloName() throws Exception {
        Path file = Files.writeString(
                directory.resolve("mtasts.yml"), "mx-probe:\n  max-hosts: 3\n  ehlo-name: Bot.Example.COM\n");

        BotConfig fromFile = new ConfigLoader(name -> null).load(Optional.of(file), BotConfig.class);
        BotConfig fromEnvironment = new ConfigLoader(Map.of("MTASTS_MX_PROBE_MAX_HOSTS", "0")::get)
                .load(Optional.of(file), BotConfig.class);

        SmtpSettings settings = fromFile.mxProbe().apply(SmtpSettings.defaults());
        assertThat(settings.maxHosts()).isEqualTo(3);
        assertThat(settings.ehloName()).isEqualTo("bot.example.com");
        assertThat(fromEnvironment.mxProbe().maxHosts()).isZero();
    }

    @Test
    void badValuesStopStartUpWithTheKeyNamed() throws Exception {
        Path tooMany = Files.writeString(directory.resolve("many.yml"), "mx-probe:\n  max-hosts: 1000\n");
        Path badName = Files.writeString(directory.resolve("name.yml"), "mx-probe:\n  ehlo-name: not a name\n");

        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(Optional.of(tooMany), BotConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mx-probe.max-hosts must be 0 to 100");
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(Optional.of(badName), BotConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mx-probe.ehlo-name must be a domain name");
    }

    @Test
    void theProbeWithoutSniIsOffUnlessTheFileTurnsItOn() throws Exception {
        Path file = Files.writeString(directory.resolve("sni.yml"), "mx-probe:\n  probe-without-sni: true\n");

        BotConfig defaults = new ConfigLoader(name -> null).load(Optional.empty(), BotConfig.class);
        BotConfig fromFile = new ConfigLoader(name -> null).load(Optional.of(file), BotConfig.class);

        assertThat(defaults.mxProbe().apply(SmtpSettings.defaults()).probeWithoutSni())
                .isFalse();
        assertThat(fromFile.mxProbe().apply(SmtpSettings.defaults()).probeWithoutSni())
                .isTrue();
    }

    @Test
    void theBotsOwnReportAddressesAreReadAndCheckedFromTheFile() throws Exception {
        Path file = Files.writeString(
                directory.resolve("rua.yml"),
                "tlsrpt:\n  report-addresses:\n    - mailto:tlsrpt@bot.example\n    - https://bot.example/tlsrpt\n");
        Path bad = Files.writeString(
                directory.resolve("bad-rua.yml"), "tlsrpt:\n  report-addresses:\n    - http://bot.example/tlsrpt\n");

        BotConfig defaults = new ConfigLoader(name -> null).load(Optional.empty(), BotConfig.class);
        BotConfig fromFile = new ConfigLoader(name -> null).load(Optional.of(file), BotConfig.class);

        assertThat(defaults.tlsrpt().reportAddresses()).isEmpty();
        assertThat(fromFile.tlsrpt().reportAddresses())
                .containsExactly("mailto:tlsrpt@bot.example", "https://bot.example/tlsrpt");
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(Optional.of(bad), BotConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tlsrpt.report-addresses");
    }

    @Test
    void theAddressLimitPerHostDefaultsToFourAndIsSetFromTheFile() throws Exception {
        Path file = Files.writeString(directory.resolve("addresses.yml"), "mx-probe:\n  max-addresses-per-host: 2\n");
        Path bad = Files.writeString(directory.resolve("bad.yml"), "mx-probe:\n  max-addresses-per-host: 0\n");

        BotConfig defaults = new ConfigLoader(name -> null).load(Optional.empty(), BotConfig.class);
        BotConfig fromFile = new ConfigLoader(name -> null).load(Optional.of(file), BotConfig.class);

        assertThat(defaults.mxProbe().apply(SmtpSettings.defaults()).maxAddressesPerHost())
                .isEqualTo(4);
        assertThat(fromFile.mxProbe().apply(SmtpSettings.defaults()).maxAddressesPerHost())
                .isEqualTo(2);
        assertThatThrownBy(() -> new ConfigLoader(name -> null).load(Optional.of(bad), BotConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mx-probe.max-addresses-per-host must be 1 to 16");
    }
}
