package dev.mtasts.launcher;

import com.google.inject.Module;
import dev.mtasts.adapter.discord.DiscordModule;
import dev.mtasts.adapter.discord.DiscordToken;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Decides which chat front ends {@code serve} installs, with a plain {@code if} on config and environment. */
final class FrontEnds {
    private FrontEnds() {}

    static List<Module> modules(BotConfig config, Function<String, String> environment) {
        List<Module> modules = new ArrayList<>();
        String discordToken = environment.apply("DISCORD_TOKEN");
        if (discordToken != null && !discordToken.isBlank()) {
            try {
                modules.add(new DiscordModule(
                        config.discord().withEnvironment(environment), new DiscordToken(discordToken)));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return modules;
    }
}
