package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TestDiscordMarkdown {
    private static final String ZWSP = "\u200B";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '"', textBlock = """
            masked link        ¦ [click](https://evil.example)  ¦ \\[click\\](https://evil.example)
            role mention       ¦ <@&123456789012345678>        ¦ \\<@&123456789012345678\\>
            user mention       ¦ <@123>                        ¦ \\<@123\\>
            channel and time   ¦ <#1> <t:1:R>                  ¦ \\<\\#1\\> \\<t:1:R\\>
            heading            ¦ # big                         ¦ \\# big
            subtext            ¦ -# small                      ¦ \\-\\# small
            quote              ¦ > quoted                      ¦ \\> quoted
            list item          ¦ 1. first                      ¦ 1\\. first
            emphasis           ¦ **b** __u__ ~~s~~ ||spoiler|| ¦ \\*\\*b\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|
            inline code        ¦ `x`                           ¦ \\`x\\`
            backslash          ¦ a\\b                           ¦ a\\\\b
            inner hyphen       ¦ mta-sts.example.com           ¦ mta-sts.example.com
            plain e-mail       ¦ postmaster@example.com        ¦ postmaster@example.com
            """)
    void escapesMarkdown(String name, String input, String expected) {
        assertThat(DiscordMarkdown.escape(input)).isEqualTo(expected);
    }

    @Test
    void neutralisesEveryoneAndHereInAnyCase() {
        assertThat(DiscordMarkdown.escape("@everyone @Here")).isEqualTo("@" + ZWSP + "everyone @" + ZWSP + "Here");
    }

    @Test
    void escapesTheStartOfEveryLine() {
        assertThat(DiscordMarkdown.escape("ok\n# heading\n  - item")).isEqualTo("ok\n\\# heading\n  \\- item");
    }

    @Test
    void replacesControlAndBidiOverrideCharacters() {
        assertThat(DiscordMarkdown.escape("a\u0007b\u202Ec\r\nd")).isEqualTo("a\uFFFDb\uFFFDc\nd");
    }

    @Test
    void showsZeroWidthAndOtherInvisibleCharactersVisibly() {
        String hidden = "ex\u200Bample\u200C.\u200Dcom\u2060 \uFEFFsoft\u00ADhyphen \u3164filler \uDB40\uDC41tag";
        assertThat(DiscordMarkdown.escape(hidden))
                .isEqualTo("ex\uFFFDample\uFFFD.\uFFFDcom\uFFFD \uFFFDsoft\uFFFDhyphen \uFFFDfiller \uFFFDtag");
        assertThat(DiscordMarkdown.escape("@\u200Beveryone")).doesNotContain("\u200Beveryone");
        assertThat(DiscordMarkdown.codeBlock("a\u200Bb", 100)).contains("a\uFFFDb");
    }

    @Test
    void escapeLineJoinsLines() {
        assertThat(DiscordMarkdown.escapeLine("a\n# b")).isEqualTo("a \\# b");
    }

    @Test
    void codeBlockCannotBeClosedFromInside() {
        String block = DiscordMarkdown.codeBlock("x```\n@everyone", 100);

        assertThat(block).isEqualTo("```\nx`" + ZWSP + "`" + ZWSP + "`" + ZWSP + "\n@" + ZWSP + "everyone\n```");
        assertThat(block.indexOf("```", 3)).isEqualTo(block.length() - 3);
    }

    @Test
    void codeBlockSaysHowMuchWasCut() {
        String block = DiscordMarkdown.codeBlock("y".repeat(500), 100);

        assertThat(block).hasSizeLessThanOrEqualTo(100).startsWith("```\nyyy").contains("\n```\n… ");
        int shown = block.indexOf("\n```") - 4;
        assertThat(block).endsWith("… " + (500 - shown) + " more characters");
    }

    @Test
    void truncateNeverSplitsAnEscapeOrASurrogatePair() {
        assertThat(DiscordMarkdown.truncate("abc\\*def", 5)).isEqualTo("abc…");
        assertThat(DiscordMarkdown.truncate("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
        assertThat(DiscordMarkdown.truncate("short", 5)).isEqualTo("short");
        assertThatThrownBy(() -> DiscordMarkdown.truncate("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
