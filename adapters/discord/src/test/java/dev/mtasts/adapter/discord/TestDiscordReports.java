package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.multibindings.OptionalBinder;
import dev.mtasts.adapter.discord.FakeDiscord.Call;
import dev.mtasts.core.chat.Readiness;
import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.chat.TlsRptSummary;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /mtasts reports <domain>} through the real JDA front end against the fake Discord REST API and gateway: an
 * ephemeral deferral, then the summary and the "safe to enforce?" verdict as an embed that mentions nobody and shows
 * hostile organisation names as inert text.
 */
final class TestDiscordReports {
    private DiscordHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private DataObject reports(TlsReports reports, String domain) throws Exception {
        harness = DiscordHarness.start("", binder -> OptionalBinder.newOptionalBinder(binder, TlsReports.class)
                .setBinding()
                .toInstance(reports));
        FakeDiscord discord = harness.discord;
        String token = discord.slashCommand("reports", Optional.of(domain), List.of());
        Call edit = discord.await(
                "the summary",
                call -> call.is("PATCH", "webhooks/" + FakeDiscord.APPLICATION + "/" + token + "/messages/@original"));
        Call callback =
                discord.await("the deferral", call -> call.is("POST", "interactions/\\d+/" + token + "/callback"));
        assertThat(callback.json().getInt("type")).isEqualTo(5);
        assertThat(callback.json().getObject("data").getInt("flags") & 64)
                .as("ephemeral")
                .isEqualTo(64);
        assertThat(edit.json().getObject("allowed_mentions").getArray("parse").length())
                .isZero();
        return edit.json().getArray("embeds").getObject(0);
    }

    private static String fields(DataObject embed) {
        DataArray fields = embed.getArray("fields");
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < fields.length(); index++) {
            DataObject field = fields.getObject(index);
            text.append(field.getString("name"))
                    .append('\n')
                    .append(field.getString("value"))
                    .append('\n');
        }
        return text.toString();
    }

    @Test
    void aReadyDomainGetsItsFiguresAndTheExactChangeToEnforce() throws Exception {
        DataObject embed = reports(
                (domain, days) -> new TlsRptSummary(
                        domain,
                        LocalDate.of(2026, 11, 5),
                        LocalDate.of(2026, 12, 4),
                        12,
                        List.of("Microsoft Corporation", "@everyone **[win](https://evil.example)** `x`"),
                        2_000,
                        0,
                        List.of(),
                        List.of(new TlsRptSummary.MxCount("mx.example.com", 2_000, 0)),
                        Optional.empty(),
                        new Readiness.Ready(
                                "20261204T120000",
                                "mode: testing  ->  mode: enforce",
                                "_mta-sts." + domain + ". TXT \"v=STSv1; id=20261204T120000\"",
                                List.of("28 days of reports from 2 organisations cover every MX"))),
                "Example.com");

        assertThat(embed.getString("title")).isEqualTo("TLS reports for example.com, 2026-11-05 to 2026-12-04");
        assertThat(embed.getString("description"))
                .isEqualTo("12 reports from 2 organisations; 2000 sessions: 2000 successful, 0 failed (0.00 %)");
        String fields = fields(embed);
        assertThat(fields)
                .contains("mx.example.com: 2000 / 0")
                .contains("Safe to enforce")
                .contains("mode: testing  ->  mode: enforce")
                .contains("id=20261204T120000")
                .contains("@\u200Beveryone")
                .doesNotContain("@everyone")
                .doesNotContain("**[win]")
                .contains("\\*\\*\\[win\\]");
    }

    @Test
    void aBlockedDomainIsToldWhatBlocksItWithTheFailuresByTypeAndMx() throws Exception {
        DataObject embed = reports(
                (domain, days) -> new TlsRptSummary(
                        domain,
                        LocalDate.of(2026, 11, 5),
                        LocalDate.of(2026, 12, 4),
                        5,
                        List.of("Google Inc.", "Microsoft Corporation"),
                        950,
                        50,
                        List.of(
                                new TlsRptSummary.ResultTypeCount("starttls-not-supported", 30),
                                new TlsRptSummary.ResultTypeCount("certificate-expired", 20)),
                        List.of(
                                new TlsRptSummary.MxCount("mx1.example.com", 500, 0),
                                new TlsRptSummary.MxCount("mx2.example.com", 450, 50)),
                        Optional.empty(),
                        new Readiness.Blocked(
                                List.of("mx2.example.com: 30 sessions failed with starttls-not-supported"))),
                "example.com");

        String fields = fields(embed);
        assertThat(fields)
                .contains("Failures by result type")
                .contains("starttls-not-supported: 30")
                .contains("certificate-expired: 20")
                .contains("mx2.example.com: 450 / 50")
                .contains("Not ready for enforce")
                .contains("mx2.example.com: 30 sessions failed with starttls-not-supported")
                .doesNotContain("mode: enforce");
        assertThat(embed.getString("description")).contains("50 failed (5.00 %)");
    }
}
