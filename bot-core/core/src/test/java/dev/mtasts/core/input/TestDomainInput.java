package dev.mtasts.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.core.input.DomainInput.Invalid;
import dev.mtasts.core.input.DomainInput.Result;
import dev.mtasts.core.input.DomainInput.Valid;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestDomainInput {
    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("example.com", "example.com"),
                arguments("  example.com \t\n", "example.com"),
                arguments("\u00A0example.com\u200B", "example.com"),
                arguments("\uFEFF\u200Eexample.com\u200F\u2060", "example.com"),
                arguments("Example.COM.", "example.com"),
                arguments("EXAMPLE.COM", "example.com"),
                arguments("mail.example.com", "mail.example.com"),
                arguments("a.b.c.example.co.uk", "a.b.c.example.co.uk"),
                arguments("https://Example.com/x", "example.com"),
                arguments("http://example.com/", "example.com"),
                arguments("https://example.com", "example.com"),
                arguments("https://example.com:8443/path?query=1#fragment", "example.com"),
                arguments("https://user:secret@example.com/", "example.com"),
                arguments("HTTPS://EXAMPLE.COM?x=1", "example.com"),
                arguments("//example.com/x", "example.com"),
                arguments("https://example.com./", "example.com"),
                arguments("https://mta-sts.example.com/.well-known/mta-sts.txt", "mta-sts.example.com"),
                arguments("example.com:443", "example.com"),
                arguments("example.com:", "example.com"),
                arguments("example.com/some/path", "example.com"),
                arguments("example.com?x", "example.com"),
                arguments("postmaster@example.com", "example.com"),
                arguments("Postmaster@Example.COM", "example.com"),
                arguments("@example.com", "example.com"),
                arguments("mailto:postmaster@example.com", "example.com"),
                arguments("MAILTO:a@example.com?subject=hello", "example.com"),
                arguments("mailto:example.com", "example.com"),
                arguments("<http://example.com|example.com>", "example.com"),
                arguments("<https://example.com>", "example.com"),
                arguments("<mailto:a@example.com|a@example.com>", "example.com"),
                arguments("<http://example.com?a=1&amp;b=2|example.com>", "example.com"),
                arguments("&lt;example.com&gt;", "example.com"),
                arguments("`example.com`", "example.com"),
                arguments("```example.com```", "example.com"),
                arguments("\"example.com\"", "example.com"),
                arguments("“example.com”", "example.com"),
                arguments("`<https://example.com>`", "example.com"),
                arguments("bücher.example", "xn--bcher-kva.example"),
                arguments("BÜCHER.example", "xn--bcher-kva.example"),
                arguments("https://bücher.example/", "xn--bcher-kva.example"),
                arguments("info@bücher.example", "xn--bcher-kva.example"),
                arguments("xn--bcher-kva.example", "xn--bcher-kva.example"),
                arguments("XN--BCHER-KVA.EXAMPLE", "xn--bcher-kva.example"),
                arguments("straße.de", "xn--strae-oqa.de"),
                arguments("例え.テスト", "xn--r8jz45g.xn--zckzah"),
                arguments("例え。テスト", "xn--r8jz45g.xn--zckzah"),
                arguments("ＥＸＡＭＰＬＥ．ＣＯＭ", "example.com"),
                arguments("مثال.إختبار", "xn--mgbh0fb.xn--kgbechtv"),
                arguments("r3---sn-abc.example.com", "r3---sn-abc.example.com"),
                arguments("123.example.com", "123.example.com"),
                arguments("example.com4", "example.com4"),
                arguments("a-b.example", "a-b.example"),
                arguments("a".repeat(63) + ".example", "a".repeat(63) + ".example"),
                arguments(name244(), name244()),
                arguments(name244() + ".", name244()));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void acceptsWhatPeoplePaste(String raw, String domain) {
        Result result = DomainInput.parse(raw);

        assertThat(result).isEqualTo(new Valid(raw, domain));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("", "Nothing to check"),
                arguments("   \t ", "Nothing to check"),
                arguments("<>", "Nothing to check"),
                arguments("exa mple.com", "'exa mple.com' has a space inside; give one domain name, e.g. example.com"),
                arguments("example.com mail.example.com", "has a space inside"),
                arguments("exa\u00A0mple.com", "has a space inside"),
                arguments("example.com\nexample.org", "'example.com example.org' has a space inside"),
                arguments("127.0.0.1", "IP address"),
                arguments("8.8.8.8", "IP address"),
                arguments("http://192.168.1.1:8080/", "IP address"),
                arguments("1.2.3", "IP address"),
                arguments("2130706433", "IP address"),
                arguments("0x7f.0.0.1", "IP address"),
                arguments("１２７.０.０.１", "IP address"),
                arguments("::1", "IP address"),
                arguments("2001:db8::25", "IP address"),
                arguments("fe80::1%eth0", "IP address"),
                arguments("[::1]", "IP address"),
                arguments("[2001:db8::1]:443", "IP address"),
                arguments("https://[2001:db8::1]/", "IP address"),
                arguments("postmaster@[192.0.2.1]", "IP address"),
                arguments("*.example.com", "wildcard '*'"),
                arguments("mail.*.example.com", "wildcard '*'"),
                arguments("a..b.example", "empty label"),
                arguments(".example.com", "empty label"),
                arguments("example.com..", "empty label"),
                arguments("a.\u00AD.example", "empty label"),
                arguments(".", "has no domain name in it"),
                arguments("https://", "has no domain name in it"),
                arguments("mailto:", "has no domain name in it"),
                arguments("postmaster@", "has no domain name in it"),
                arguments(":443", "has no domain name in it"),
                arguments("a".repeat(64) + ".example", "label of 64 octets"),
                arguments("ü".repeat(60) + ".example", "66 octets once encoded for the DNS ('xn--tda"),
                arguments(name253() + "a", "254 octets long"),
                // 245-253 octets: valid DNS names, but _mta-sts.<name> is not
                arguments(name253(), "its MTA-STS record _mta-sts.… would be 262 octets"),
                arguments(name244().replace(".com", ".comx"), "245 octets long"),
                arguments("-example.com", "starts with a hyphen"),
                arguments("mail.example-.com", "'example-', which ends with a hyphen"),
                arguments("example.-com", "starts with a hyphen"),
                arguments("exa_mple.com", "'_' (underscore)"),
                arguments("_mta-sts.example.com", "'_' (underscore)"),
                arguments("example!.com", "'!'"),
                arguments("example.com,example.org", "more than one address"),
                arguments("exa%6dple.com", "'%'"),
                arguments("exa\u0007mple.com", "invisible character (U+0007)"),
                arguments("exa＿mple.com", "U+FF3F"),
                arguments("a⒈com", "U+2488 digit one full stop"),
                arguments("exa\u202Emple.com", "invisible character (U+202E)"),
                arguments("xn--zz.example", "'xn--' that is not a valid encoded name"),
                arguments("ab\u200Dc.example", "joiner"),
                arguments("1\u05D0.example", "right-to-left"),
                arguments("\u0301a.example", "combining mark"),
                arguments("üb--c.example", "'--' as third and fourth"),
                arguments("localhost", "'localhost' is a single label, not a mail domain"),
                arguments("com", "single label"),
                arguments("localhost.", "single label"),
                arguments("example.123", "all-numeric label '123'"),
                arguments("mail.example.0", "all-numeric label '0'"),
                arguments("example.com:smtp", "':smtp' after the name, which is not a port number"),
                arguments("example.com:99999", "not a port number"),
                arguments("example.com:25:25", "more than one ':'"),
                arguments("mailto:a@example.com,b@example.org", "more than one address"),
                arguments("a@example.com;b@example.org", "more than one address"),
                arguments("<@U123ABC>", "mention"),
                arguments("<#C024BE7LR|general>", "'general' is a mention or a channel"),
                arguments("<!here>", "mention"),
                arguments("x".repeat(DomainInput.MAX_INPUT_LENGTH + 1), "too long (1025 characters"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWithAReasonThatNamesTheProblem(String raw, String expectedInReason) {
        Result result = DomainInput.parse(raw);

        assertThat(result).isInstanceOfSatisfying(Invalid.class, invalid -> {
            assertThat(invalid.input()).isEqualTo(raw);
            assertThat(invalid.reason()).contains(expectedInReason);
            assertThat(invalid.reason()).doesNotContain("\n", "\r", "Exception", "java.", "null");
            assertThat(invalid.reason().codePoints()).noneMatch(Character::isISOControl);
            assertThat(invalid.reason().length()).isLessThan(300);
        });
    }

    @Test
    void echoesAtMostEightyCharactersOfALongInput() {
        String raw = "x".repeat(DomainInput.MAX_INPUT_LENGTH * 1024);

        Result result = DomainInput.parse(raw);

        assertThat(result).isInstanceOfSatisfying(Invalid.class, invalid -> assertThat(invalid.reason())
                .startsWith("'" + "x".repeat(80) + "…' is too long (1048576 characters")
                .hasSizeLessThan(200));
    }

    @Test
    void echoesAtMostEightyCharactersWhenTheNameIsTooLong() {
        String raw = "exa mple" + ".example".repeat(100);

        Result result = DomainInput.parse(raw);

        assertThat(result).isInstanceOfSatisfying(Invalid.class, invalid -> assertThat(invalid.reason())
                .startsWith("'exa mple.example")
                .contains("…' has a space inside")
                .hasSizeLessThan(200));
    }

    @Test
    void echoDropsControlAndFormattingCharacters() {
        assertThat(DomainInput.echo("a\u0000b\u001Bc\u202Ed\u2028e\tf")).isEqualTo("abcde f");
    }

    @Test
    void echoDoesNotSplitSurrogatePairs() {
        String raw = "😀".repeat(100);

        assertThat(DomainInput.echo(raw)).isEqualTo("😀".repeat(80) + "…");
    }

    @Test
    void acceptsEmojiAsUts46Does() {
        assertThat(DomainInput.parse("☃.example")).isEqualTo(new Valid("☃.example", "xn--n3h.example"));
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> DomainInput.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("raw is null");
    }

    /** A name of exactly 244 octets: the longest whose {@code _mta-sts.} name is still at most 253. */
    private static String name244() {
        String name = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(48) + ".com";
        assertThat(name).hasSize(244);
        return name;
    }

    /** A name of exactly 253 octets: three labels of 63, one of 57 and "com", with four dots. */
    private static String name253() {
        String name = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(name).hasSize(253);
        return name;
    }
}
