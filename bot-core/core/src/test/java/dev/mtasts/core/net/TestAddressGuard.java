package dev.mtasts.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mtasts.core.net.AddressGuard.Allowed;
import dev.mtasts.core.net.AddressGuard.Refused;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TestAddressGuard {
    private final AddressGuard strict = new AddressGuard(List.of());

    static Stream<Arguments> refused() {
        return Stream.of(
                // IPv4, both edges of every range
                arguments("0.0.0.0", "an unspecified ('this network') address"),
                arguments("0.255.255.255", "unspecified"),
                arguments("10.0.0.0", "a private (RFC 1918) address"),
                arguments("10.255.255.255", "private"),
                arguments("100.64.0.0", "a carrier-grade NAT (shared) address"),
                arguments("100.127.255.255", "carrier-grade NAT"),
                arguments("127.0.0.0", "loopback"),
                arguments("127.0.0.1", "loopback"),
                arguments("127.255.255.255", "loopback"),
                arguments("169.254.0.0", "link-local"),
                arguments("169.254.169.254", "link-local"),
                arguments("169.254.255.255", "link-local"),
                arguments("172.16.0.0", "private"),
                arguments("172.31.255.255", "private"),
                arguments("192.0.0.0", "IETF protocol assignment"),
                arguments("192.0.0.255", "IETF protocol assignment"),
                arguments("192.0.2.0", "documentation"),
                arguments("192.0.2.255", "documentation"),
                arguments("192.88.99.0", "6to4 relay anycast"),
                arguments("192.88.99.255", "6to4 relay anycast"),
                arguments("192.168.0.0", "private"),
                arguments("192.168.255.255", "private"),
                arguments("198.18.0.0", "benchmarking"),
                arguments("198.19.255.255", "benchmarking"),
                arguments("198.51.100.0", "documentation"),
                arguments("198.51.100.255", "documentation"),
                arguments("203.0.113.0", "documentation"),
                arguments("203.0.113.255", "documentation"),
                arguments("224.0.0.0", "multicast"),
                arguments("239.255.255.255", "multicast"),
                arguments("240.0.0.0", "reserved"),
                arguments("255.255.255.254", "reserved"),
                arguments("255.255.255.255", "the broadcast address"),
                // IPv6
                arguments("::", "the unspecified address"),
                arguments("::1", "a loopback address"),
                arguments("100::", "discard-only"),
                arguments("100::ffff:ffff:ffff:ffff", "discard-only"),
                arguments("2001:2::", "benchmarking"),
                arguments("2001:2:0:ffff:ffff:ffff:ffff:ffff", "benchmarking"),
                arguments("2001:10::1", "ORCHID"),
                arguments("2001:20::1", "ORCHID"),
                arguments("2001:db8::", "documentation"),
                arguments("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "documentation"),
                arguments("3fff::", "documentation"),
                arguments("3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "documentation"),
                arguments("5f00::1", "SRv6"),
                arguments("fc00::", "unique-local"),
                arguments("fd12:3456::1", "unique-local"),
                arguments("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "unique-local"),
                arguments("fe80::", "link-local"),
                arguments("fe80::1", "link-local"),
                arguments("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "link-local"),
                arguments("fec0::1", "site-local"),
                arguments("ff00::", "multicast"),
                arguments("ff02::1", "multicast"),
                arguments("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "multicast"),
                arguments("64:ff9b:1::1", "local-use NAT64"),
                // IPv6 forms that embed IPv4
                arguments("::ffff:127.0.0.1", "an IPv4-mapped address for 127.0.0.1, which is a loopback address"),
                arguments("::ffff:10.0.0.1", "IPv4-mapped address for 10.0.0.1, which is a private"),
                arguments("::ffff:169.254.169.254", "IPv4-mapped address for 169.254.169.254, which is a link-local"),
                arguments("::ffff:0.0.0.0", "IPv4-mapped address for 0.0.0.0, which is an unspecified"),
                arguments("::ffff:255.255.255.255", "for 255.255.255.255, which is the broadcast address"),
                arguments("::ffff:0:127.0.0.1", "an IPv4-translated address for 127.0.0.1, which is a loopback"),
                arguments("::127.0.0.1", "an IPv4-compatible address for 127.0.0.1, which is a loopback"),
                arguments("::2", "an IPv4-compatible address for 0.0.0.2, which is an unspecified"),
                arguments("64:ff9b::127.0.0.1", "a NAT64 address for 127.0.0.1, which is a loopback"),
                arguments("64:ff9b::c0a8:101", "a NAT64 address for 192.168.1.1, which is a private"),
                arguments("64:ff9b::100.64.0.1", "for 100.64.0.1, which is a carrier-grade NAT"),
                arguments("2002:7f00:1::1", "a 6to4 address for 127.0.0.1, which is a loopback"),
                arguments("2002:a00:1::", "a 6to4 address for 10.0.0.1, which is a private"),
                arguments("2002:c058:6301::1", "for 192.88.99.1, which is a 6to4 relay anycast"),
                arguments("2001:0:4136:e378:8000:63bf:3fff:fdd2", "a Teredo address for 192.0.2.45, which is a doc"),
                arguments("2001:0:7f00:1:0:0:808:808", "a Teredo address for 127.0.0.1, which is a loopback"),
                arguments("2001:0:808:808::f5ff:fffe", "a Teredo address for 10.0.0.1, which is a private"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesSpecialAddresses(String literal, String expectedInReason) {
        InetAddress address = address(literal);

        assertThat(strict.check(address)).isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.detail())
                .startsWith(CidrText.format(address) + " is ")
                .contains(expectedInReason));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // public
                "8.8.8.8",
                "1.1.1.1",
                "193.0.6.139",
                // just outside each IPv4 range
                "1.0.0.0",
                "9.255.255.255",
                "11.0.0.0",
                "100.63.255.255",
                "100.128.0.0",
                "126.255.255.255",
                "128.0.0.0",
                "169.253.255.255",
                "169.255.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "191.255.255.255",
                "192.0.1.0",
                "192.0.3.0",
                "192.88.98.255",
                "192.88.100.0",
                "192.167.255.255",
                "192.169.0.0",
                "198.17.255.255",
                "198.20.0.0",
                "198.51.99.255",
                "198.51.101.0",
                "203.0.112.255",
                "203.0.114.0",
                "223.255.255.255",
                // public IPv6 and just outside each IPv6 range
                "2606:4700::1111",
                "2001:4860:4860::8888",
                "2a00:1450:4001:80b::200e",
                "::1:0:0:1",
                "100:0:0:1::",
                "2001:1::1",
                "2001:3::1",
                "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff",
                "2001:db9::",
                "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "3fff:1000::",
                "64:ff9b:2::1",
                "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "fe00::1",
                "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                // IPv6 forms that embed a public IPv4 address
                "::ffff:8.8.8.8",
                "::ffff:0:8.8.8.8",
                "::8.8.8.8",
                "64:ff9b::8.8.8.8",
                "2002:808:808::1",
                "2001:0:808:808::fefe:fefe"
            })
    void allowsPublicAddresses(String literal) {
        assertThat(strict.check(address(literal))).isEqualTo(new Allowed());
    }

    @Test
    void theReasonUsersSeeNeverNamesTheAddressOnlyTheLoggedDetailDoes() {
        assertThat(strict.check(address("10.0.0.1"))).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo("refused by the address guard");
            assertThat(refused.detail()).isEqualTo("10.0.0.1 is a private (RFC 1918) address");
        });
        assertThat(strict.checkAll(addresses("10.0.0.1", "fd00::1"))).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.reason()).doesNotContain("10.0.0.1", "fd00", "private");
        });
    }

    @Test
    void refusesInternalSuffixesBeforeAnyLookup() {
        AddressGuard guard = new AddressGuard(List.of(), List.of("internal", "home.arpa", "cluster.local"));

        assertThat(guard.refuseName("db.internal")).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("refused by the address guard")
                .contains(".internal"));
        assertThat(guard.refuseName("nas.home.arpa")).isPresent();
        assertThat(guard.refuseName("svc.ns.svc.cluster.local")).isPresent();
        assertThat(guard.refuseName("internal")).isPresent();
        assertThat(guard.refuseName("example.com")).isEmpty();
        assertThat(guard.refuseName("notinternal.com")).isEmpty();
        assertThat(guard.refuseName("myinternal")).isEmpty();
        assertThat(strict.refuseName("db.internal")).isEmpty();
    }

    @Test
    void namesTheAddressInTheDetail() {
        assertThat(strict.check(address("127.0.0.1"))).isEqualTo(new Refused("127.0.0.1 is a loopback address"));
        assertThat(strict.check(address("::1"))).isEqualTo(new Refused("::1 is a loopback address"));
        assertThat(strict.check(address("::ffff:10.1.2.3")))
                .isEqualTo(
                        new Refused(
                                "::ffff:10.1.2.3 is an IPv4-mapped address for 10.1.2.3, which is a private (RFC 1918) address"));
    }

    @Test
    void checksMappedAddressesThatJavaTurnedIntoIpv4() throws UnknownHostException {
        InetAddress mapped = InetAddress.getByName("::ffff:127.0.0.1");

        assertThat(mapped).isInstanceOf(Inet4Address.class);
        assertThat(strict.check(mapped)).isEqualTo(new Refused("127.0.0.1 is a loopback address"));
    }

    @Test
    void ignoresTheZoneOfAScopedAddress() throws UnknownHostException {
        InetAddress scoped = Inet6Address.getByAddress(null, address("fe80::1").getAddress(), 1);

        assertThat(strict.check(scoped)).isEqualTo(new Refused("fe80::1 is a link-local address"));
    }

    @Test
    void allowListExemptsItsRangeOnly() {
        AddressGuard guard = new AddressGuard(List.of(Cidr.parse("127.0.0.0/8")));

        assertThat(guard.check(address("127.0.0.1"))).isEqualTo(new Allowed());
        assertThat(guard.check(address("127.255.0.7"))).isEqualTo(new Allowed());
        assertThat(guard.check(address("10.0.0.1"))).isInstanceOf(Refused.class);
        assertThat(guard.check(address("::1"))).isInstanceOf(Refused.class);
    }

    @Test
    void allowListForIpv4AlsoCoversTheEmbeddedForms() {
        AddressGuard guard = new AddressGuard(List.of(Cidr.parse("127.0.0.0/8")));

        assertThat(guard.check(address("::ffff:127.0.0.1"))).isEqualTo(new Allowed());
        assertThat(guard.check(address("64:ff9b::127.0.0.1"))).isEqualTo(new Allowed());
        assertThat(guard.check(address("2002:7f00:1::"))).isEqualTo(new Allowed());
        assertThat(guard.check(address("::ffff:10.0.0.1")))
                .isEqualTo(
                        new Refused(
                                "::ffff:10.0.0.1 is an IPv4-mapped address for 10.0.0.1, which is a private (RFC 1918) address"));
    }

    @Test
    void allowListForIpv6LoopbackAllowsOnlyThatAddress() {
        AddressGuard guard = new AddressGuard(List.of(Cidr.parse("::1/128")));

        assertThat(guard.check(address("::1"))).isEqualTo(new Allowed());
        assertThat(guard.check(address("127.0.0.1"))).isEqualTo(new Refused("127.0.0.1 is a loopback address"));
        assertThat(guard.check(address("::2"))).isInstanceOf(Refused.class);
    }

    @Test
    void allowListAppliesToTheExactAddressChecked() {
        AddressGuard guard = new AddressGuard(List.of(Cidr.parse("::ffff:10.0.0.0/104"), Cidr.parse("fd00::/8")));

        assertThat(guard.check(address("::ffff:10.9.9.9"))).isEqualTo(new Allowed());
        assertThat(guard.check(address("10.9.9.9"))).isInstanceOf(Refused.class);
        assertThat(guard.check(address("fd12::1"))).isEqualTo(new Allowed());
        assertThat(guard.check(address("fc00::1"))).isInstanceOf(Refused.class);
    }

    @Test
    void permittedKeepsAllowedAddressesInOrder() {
        List<InetAddress> addresses = addresses("10.0.0.1", "2606:4700::1111", "::1", "8.8.8.8", "192.168.1.1");

        assertThat(strict.permitted(addresses)).containsExactly(address("2606:4700::1111"), address("8.8.8.8"));
        assertThat(strict.permitted(List.of())).isEmpty();
    }

    @Test
    void checkAllAllowsWhenAnyAddressIsAllowed() {
        assertThat(strict.checkAll(addresses("10.0.0.1", "8.8.8.8"))).isEqualTo(new Allowed());
    }

    @Test
    void checkAllNamesTheFirstRefusal() {
        assertThat(strict.checkAll(addresses("10.0.0.1")))
                .isEqualTo(new Refused("10.0.0.1 is a private (RFC 1918) address"));
        assertThat(strict.checkAll(addresses("127.0.0.1", "::1")))
                .isEqualTo(new Refused(
                        "refused by the address guard (and the other address is refused too)",
                        "127.0.0.1 is a loopback address (and the other address is refused too)"));
        assertThat(strict.checkAll(addresses("::1", "10.0.0.1", "192.168.0.1")))
                .isEqualTo(new Refused(
                        "refused by the address guard (and the other 2 addresses are refused too)",
                        "::1 is a loopback address (and the other 2 addresses are refused too)"));
    }

    @Test
    void checkAllRefusesWhenThereIsNoAddress() {
        assertThat(strict.checkAll(List.of()))
                .isEqualTo(new Refused("there is no address to connect to", "there is no address to connect to"));
    }

    @Test
    void keepsACopyOfTheAllowList() {
        List<Cidr> allowList = new ArrayList<>(List.of(Cidr.parse("127.0.0.0/8")));
        AddressGuard guard = new AddressGuard(allowList);
        allowList.clear();

        assertThat(guard.allowList()).containsExactly(Cidr.parse("127.0.0.0/8"));
        assertThat(guard.check(address("127.0.0.1"))).isEqualTo(new Allowed());
    }

    private static List<InetAddress> addresses(String... literals) {
        return Arrays.stream(literals).map(TestAddressGuard::address).toList();
    }

    /** Parses a literal without any lookup, keeping IPv4-mapped IPv6 addresses as IPv6. */
    private static InetAddress address(String literal) {
        return CidrText.toInetAddress(CidrText.parseAddress(literal)
                .orElseThrow(() -> new IllegalArgumentException("not a literal: " + literal)));
    }
}
