package dev.mtasts.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TestCidrText {
    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "::, ::",
        "::1, ::1",
        "1::, 1::",
        "0:0:0:0:0:0:0:1, ::1",
        "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "1:0:0:0:0:0:0:0, 1::",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "::ffff:7f00:1, ::ffff:127.0.0.1",
        "::ffff:0:c000:201, ::ffff:0:192.0.2.1",
        "64:ff9b::c000:201, 64:ff9b::192.0.2.1",
        "::c000:201, ::c000:201",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
        "::1.2.3.4, ::102:304",
        "2002:c000:201::, 2002:c000:201::"
    })
    void parsesAndFormatsLikeRfc5952(String literal, String expected) throws UnknownHostException {
        byte[] octets = CidrText.parseAddress(literal).orElseThrow();

        assertThat(CidrText.format(octets)).isEqualTo(expected);
        // The JDK reads literals without lookups too (and turns IPv4-mapped ones into IPv4); the octets must agree.
        byte[] jdk = InetAddress.getByName(literal).getAddress();
        assertThat(jdk.length == octets.length ? octets : Arrays.copyOfRange(octets, 12, 16))
                .isEqualTo(jdk);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1.2.3",
                "1.2.3.4.5",
                "01.2.3.4",
                "1.2.3.256",
                "1.2.3.-4",
                " 1.2.3.4",
                "1.2.3.4 ",
                ":",
                ":::",
                "1:::2",
                "1::2::3",
                "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7:8::",
                "::1:2:3:4:5:6:7:8",
                "1:2:3:4:5:6:7:",
                ":1:2:3:4:5:6:7",
                "12345::",
                "::g",
                "::1%1",
                "[::1]",
                "1.2.3.4::",
                "::1.2.3.4:5",
                "::256.0.0.1",
                "example.com"
            })
    void refusesWhatIsNotAnAddressLiteral(String text) {
        assertThat(CidrText.parseAddress(text)).isEmpty();
    }
}
