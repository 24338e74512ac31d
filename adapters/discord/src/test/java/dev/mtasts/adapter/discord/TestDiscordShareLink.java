package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.EngineModule;
import dev.mtasts.core.Report;
import dev.mtasts.core.frontend.ShareLinks;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.Test;

/** The report's "Share" link button to the web permalink, when {@code http.public-url} is set. */
final class TestDiscordShareLink {
    private static final Report SAMPLE = SampleChecks.report();
    private static final Report IDN = new Report(
            "xn--bcher-kva.example",
            "https://Bücher.example/",
            SAMPLE.checkedAt(),
            SAMPLE.duration(),
            SAMPLE.sender(),
            SAMPLE.checks());

    @Test
    void withAPublicUrlTheReportHasALinkButtonToThePermalinkOfTheALabelDomain() {
        MessageEditData message = DiscordReportFormatter.report(
                IDN, DiscordReportFormatter.Details.THREAD, ShareLinks.of("https://mtasts.example.org/"));

        List<Button> buttons = buttons(message);
        assertThat(buttons).hasSize(4);
        Button share = buttons.getLast();
        assertThat(share.getStyle()).isEqualTo(ButtonStyle.LINK);
        assertThat(share.getLabel()).isEqualTo("Share");
        assertThat(share.getUrl()).isEqualTo("https://mtasts.example.org/report/xn--bcher-kva.example");
        assertThat(share.getCustomId()).isNull(); // a link: pressing it sends the bot nothing
    }

    @Test
    void withoutAPublicUrlThereIsNoShareButton() {
        assertThat(buttons(DiscordReportFormatter.report(SAMPLE, DiscordReportFormatter.Details.INLINE)))
                .extracting(Button::getLabel)
                .containsExactly("Re-check", "Subscribe", "Show policy");
        assertThat(buttons(DiscordReportFormatter.report(
                        SAMPLE, DiscordReportFormatter.Details.INLINE, ShareLinks.none())))
                .hasSize(3);
    }

    @Test
    void theFrontEndAsServeWiresItPostsTheShareButtonWithTheReport() throws Exception {
        try (DiscordHarness harness =
                DiscordHarness.start(null, EngineModule.shareLinks(ShareLinks.of("https://mtasts.example.org")))) {
            FakeDiscord discord = harness.discord;
            String token = discord.slashCommand("check", Optional.of("Example.COM"), List.of());

            FakeDiscord.Call report = discord.await(
                    "the report",
                    call -> call.is(
                                    "PATCH",
                                    "webhooks/" + FakeDiscord.APPLICATION + "/" + token + "/messages/@original")
                            && call.body().contains("\"style\":5"));

            assertThat(report.body()).contains("\"url\":\"https://mtasts.example.org/report/example.com\"");
        }
    }

    private static List<Button> buttons(MessageEditData message) {
        return message.getComponents().stream()
                .flatMap(component -> component.asActionRow().getButtons().stream())
                .toList();
    }
}
