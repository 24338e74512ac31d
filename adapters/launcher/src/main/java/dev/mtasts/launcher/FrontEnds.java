package dev.mtasts.launcher;

import com.google.inject.Module;
import dev.mtasts.adapter.discord.DiscordModule;
import dev.mtasts.adapter.discord.DiscordToken;
import dev.mtasts.adapter.slack.SlackModule;
import dev.mtasts.adapter.slack.SlackSetup;
import dev.mtasts.core.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Decides which chat front ends {@code serve} installs, with a plain {@code if} on config and environment. */
final class FrontEnds {
    private FrontEnds() {}

    static List<Module> modules(BotConfig config, Function<String, String> environment) {
        List<Module> modules = new ArrayList<>();
        if (isSet(environment, SlackSetup.BOT_TOKEN)) {
            try {
                modules.add(SlackModule.fromEnvironment(config.slack(), environment));
            } catch (ConfigException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (isSet(environment, "DISCORD_TOKEN")) {
            try {
                modules.add(new DiscordModule(
                        config.discord().withEnvironment(environment),
                        new DiscordToken(environment.apply("DISCORD_TOKEN"))));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return modules;
    }

    private static boolean isSet(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        return value != null && !value.isBlank();
    }
}
