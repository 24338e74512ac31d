package dev.mtasts.adapter.discord;

import dev.mtasts.core.input.DomainInput;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** The global {@code /mtasts} command, registered at start-up (replacing whatever the application had). */
final class DiscordCommands {
    static final String NAME = "mtasts";

    private DiscordCommands() {}

    static SlashCommandData mtasts() {
        return Commands.slash(NAME, "Check a domain's MTA-STS and TLS-RPT, or watch it for this channel")
                .addSubcommands(
                        new SubcommandData("check", "Check a domain's MTA-STS and TLS-RPT deployment")
                                .addOptions(domain()),
                        new SubcommandData("subscribe", "Watch a domain for this channel (Manage Server)")
                                .addOptions(domain()),
                        new SubcommandData("unsubscribe", "Stop watching a domain in this channel (Manage Server)")
                                .addOptions(domain()),
                        new SubcommandData("list", "Show the domains this channel watches"),
                        new SubcommandData("help", "How to use mtasts"),
                        new SubcommandData("history", "What changed in a domain's deployment, and when")
                                .addOptions(domain()),
                        new SubcommandData("reports", "A domain's TLS-RPT reports, and whether it is safe to enforce")
                                .addOptions(domain()))
                .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM)
                .setIntegrationTypes(IntegrationType.GUILD_INSTALL)
                // Everyone may check; subscribe and unsubscribe are gated at run time (SubscribeGate), since
                // Discord's default permissions apply to a whole command, not to one subcommand.
                .setDefaultPermissions(DefaultMemberPermissions.ENABLED);
    }

    private static OptionData domain() {
        return new OptionData(OptionType.STRING, "domain", "The mail domain, e.g. example.com", true)
                .setMaxLength(DomainInput.MAX_INPUT_LENGTH);
    }
}
