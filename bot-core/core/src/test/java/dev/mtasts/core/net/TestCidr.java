package dev.mtasts.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

final class TestCidr {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.0/8          | 127.0.0.0/8",
                "' 10.0.0.0/8 '       | 10.0.0.0/8",
                "10.1.2.3/8           | 10.0.0.0/8",
                "172.31.255.255/12    | 172.16.0.0/12",
                "192.0.2.77/27        | 192.0.2.64/27",
                "127.0.0.1            | 127.0.0.1/32",
                "0.0.0.0/0            | 0.0.0.0/0",
                "8.8.8.8/32           | 8.8.8.8/32",
                "::1                  | ::1/128",
                "::1/128              | ::1/128",
                "::/0                 | ::/0",
                "2001:DB8::/32        | 2001:db8::/32",
                "2001:db8:0:0:1:0:0:1 | 2001:db8::1:0:0:1/128",
                "fe80::1234/10        | fe80::/10",
                "fd00::/8             | fd00::/8",
                "::ffff:10.0.0.0/104  | ::ffff:10.0.0.0/104",
                "64:ff9b::/96         | 64:ff9b::/96",
                "1:2:3:4:5:6:7:8/127  | 1:2:3:4:5:6:7:8/127",
                "1:2:3:4:5:6:7:9/127  | 1:2:3:4:5:6:7:8/127"
            })
    void parsesAndClearsHostBits(String text, String expected) {
        assertThat(Cidr.parse(text)).hasToString(expected);
    }

    @Test
    void rangesThatDifferOnlyInHostBitsAreEqual() {
        assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("fd12::1/8")).isEqualTo(Cidr.parse("fd00::/8"));
        assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo(Cidr.parse("10.0.0.0/9"));
    }

    @Test
    void keepsIpv4MappedRangesAsIpv6() {
        assertThat(Cidr.parse("::ffff:0:0/96").network()).isInstanceOf(Inet6Address.class);
    }

    static Stream<Arguments> notRanges() {
        return Stream.of(
                arguments("x", "'x' is not an IPv4 or IPv6 address"),
                arguments("", "it is empty"),
                arguments("   ", "it is empty"),
                arguments("example.com/24", "'example.com' is not an IPv4 or IPv6 address"),
                arguments("localhost", "not an IPv4 or IPv6 address"),
                arguments("10.0.0.0/33", "an IPv4 prefix length is 0 to 32, not 33"),
                arguments("::/129", "an IPv6 prefix length is 0 to 128, not 129"),
                arguments("10.0.0.0/", "the prefix length '' is not a number from 0 to 32"),
                arguments("10.0.0.0/-1", "the prefix length '-1' is not a number"),
                arguments("10.0.0.0/+8", "the prefix length '+8' is not a number"),
                arguments("10.0.0.0/8/8", "the prefix length '8/8' is not a number"),
                arguments("10.0.0.0/1000", "the prefix length '1000' is not a number"),
                arguments("10.0.0.0/eight", "the prefix length 'eight' is not a number"),
                arguments("256.0.0.0/8", "'256.0.0.0' is not an IPv4 or IPv6 address"),
                arguments("010.0.0.0/8", "'010.0.0.0' is not an IPv4 or IPv6 address"),
                arguments("10.0.0/8", "not an IPv4 or IPv6 address"),
                arguments("10.0.0.0.0/8", "not an IPv4 or IPv6 address"),
                arguments("2130706433/32", "not an IPv4 or IPv6 address"),
                arguments("10.0.0.0 /8", "not an IPv4 or IPv6 address"),
                arguments("/8", "'' is not an IPv4 or IPv6 address"),
                arguments("fe80::1%eth0/64", "not an IPv4 or IPv6 address"),
                arguments("[::1]/128", "not an IPv4 or IPv6 address"),
                arguments("1:2:3:4:5:6:7:8:9/64", "not an IPv4 or IPv6 address"),
                arguments("1:2:3:4:5:6:7/64", "not an IPv4 or IPv6 address"),
                arguments("1:2:3:4:5:6:7:8::/64", "not an IPv4 or IPv6 address"),
                arguments("1::2::3/64", "not an IPv4 or IPv6 address"),
                arguments(":::/64", "not an IPv4 or IPv6 address"),
                arguments(":1:2:3:4:5:6:7/64", "not an IPv4 or IPv6 address"),
                arguments("12345::/16", "not an IPv4 or IPv6 address"),
                arguments("g::/16", "not an IPv4 or IPv6 address"),
                arguments("::ffff:1.2.3/96", "not an IPv4 or IPv6 address"),
                arguments("1.2.3.4::/96", "not an IPv4 or IPv6 address"));
    }

    @ParameterizedTest
    @MethodSource("notRanges")
    void refusesWhatIsNotARangeWithAClearMessage(String text, String detail) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a CIDR range: ")
                .hasMessageContaining(detail);
    }

    @Test
    void echoesAtMostEightyCharactersOfBadInput() {
        String text = "x".repeat(10_000) + "\n/8";

        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + "x".repeat(80) + "…' is not a CIDR range")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @CsvSource({
        "172.16.0.0/12, 172.16.0.0, true",
        "172.16.0.0/12, 172.31.255.255, true",
        "172.16.0.0/12, 172.15.255.255, false",
        "172.16.0.0/12, 172.32.0.0, false",
        "100.64.0.0/10, 100.127.255.255, true",
        "100.64.0.0/10, 100.128.0.0, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "0.0.0.0/0, ::1, false",
        "::/0, ::1, true",
        "::/0, 127.0.0.1, false",
        "::ffff:0:0/96, ::ffff:127.0.0.1, true",
        "127.0.0.0/8, ::ffff:127.0.0.1, false",
        "fe80::/10, febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "fe80::/10, fec0::, false",
        "fe80::/10, fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
        "8.8.8.8/32, 8.8.8.8, true",
        "8.8.8.8/32, 8.8.8.9, false"
    })
    void containsAddressesOfItsOwnVersionOnly(String cidr, String literal, boolean expected) {
        InetAddress address =
                CidrText.toInetAddress(CidrText.parseAddress(literal).orElseThrow());

        assertThat(Cidr.parse(cidr).contains(address)).isEqualTo(expected);
    }

    @Test
    void constructorRefusesAnImpossiblePrefixLength() {
        InetAddress ipv4 = CidrText.toInetAddress(new byte[4]);

        assertThatThrownBy(() -> new Cidr(ipv4, 33))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix length 33 is outside 0 to 32 for 0.0.0.0");
        assertThatThrownBy(() -> new Cidr(ipv4, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
