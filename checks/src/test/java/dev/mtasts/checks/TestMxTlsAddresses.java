package dev.mtasts.checks;

import static dev.mtasts.checks.Fixtures.findings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.Severity;
import dev.mtasts.spi.SmtpAddressProbes;
import dev.mtasts.spi.SmtpAddressProbes.AddressProbe;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mx-tls over the per-address probes of {@code DomainContext.smtpAddresses}: IPv6 without a route, agreement. */
final class TestMxTlsAddresses {
    private static final String MX1 = "mx1.example.com";
    private static final String MX2 = "mx2.example.com";

    @Test
    void withoutAnIpv6RouteOneInfoSaysIpv6AddressesWereNotProbedFromHere() throws Exception {
        List<Finding> findings = findings(
                new MxTlsCheck(),
                Fixtures.healthy()
                        .smtpAddresses(MX1, only(MX1, "192.0.2.10", "2001:db8::10"))
                        .smtpAddresses(MX2, only(MX2, "192.0.2.11", "2001:db8::11"))
                        .build());

        assertThat(findings)
                .extracting(Finding::code)
                .containsExactly("mx-tls-ok", "mx-tls-ok", MxTlsCode.MX_IPV6_NOT_PROBED.code());
        Finding ipv6 = findings.getLast();
        assertThat(ipv6.severity()).isEqualTo(Severity.INFO);
        assertThat(ipv6.message()).contains("IPv6 addresses were not probed from here");
        assertThat(ipv6.evidence()).contains("mx1.example.com 2001:db8:0:0:0:0:0:10", "mx2.example.com");
    }

    @Test
    void addressesThatAgreeGiveOneFindingPerHostWithoutNamingAnAddress() throws Exception {
        List<Finding> findings = findings(
                new MxTlsCheck(),
                Fixtures.healthy()
                        .smtpAddresses(MX1, both(MX1, "192.0.2.10", "2001:db8::10"))
                        .smtpAddresses(MX2, both(MX2, "192.0.2.11", "2001:db8::11"))
                        .build());

        assertThat(findings).extracting(Finding::code).containsExactly("mx-tls-ok", "mx-tls-ok");
        assertThat(findings.getFirst().message()).doesNotContain(" at 192.0.2.10");
    }

    @Test
    void anIpv6OnlyHostWithoutARouteIsNotProbedAndNotReportedAsUnreachable() throws Exception {
        List<Finding> findings = findings(
                new MxTlsCheck(),
                Fixtures.healthy()
                        .smtp(MX1, Probes.valid(MX1))
                        .smtpAddresses(
                                MX2,
                                new SmtpAddressProbes(
                                        List.of(), List.of(), List.of(InetAddress.getByName("2001:db8::11"))))
                        .build());

        assertThat(findings)
                .extracting(Finding::code)
                .containsExactly("mx-tls-ok", "mx-not-probed", MxTlsCode.MX_IPV6_NOT_PROBED.code());
        assertThat(findings.get(1).message()).contains("only IPv6 addresses");
    }

    @Test
    void inTestingModeAnAddressWithoutStarttlsWarnsAndNamesTheAddress() throws Exception {
        List<Finding> findings = findings(
                new MxTlsCheck(),
                Fixtures.withPolicy(Fixtures.policy(
                                "version: STSv1",
                                "mode: testing",
                                "mx: mx1.example.com",
                                "mx: mx2.example.com",
                                "max_age: 604800"))
                        .smtp(MX2, Probes.valid(MX2))
                        .smtpAddresses(
                                MX1,
                                new SmtpAddressProbes(
                                        List.of(
                                                new AddressProbe(
                                                        InetAddress.getByName("192.0.2.10"), Probes.valid(MX1)),
                                                new AddressProbe(
                                                        InetAddress.getByName("192.0.2.12"),
                                                        Probes.stopped(
                                                                MX1,
                                                                dev.mtasts.spi.SmtpProbe.Outcome.STARTTLS_NOT_OFFERED,
                                                                "no STARTTLS"))),
                                        List.of(),
                                        List.of()))
                        .build());

        assertThat(findings)
                .filteredOn(finding -> finding.code().equals("mx-starttls-missing"))
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.severity()).isEqualTo(Severity.WARN);
                    assertThat(finding.message()).contains("mx1.example.com at 192.0.2.12");
                });
        assertThat(findings)
                .filteredOn(finding -> finding.code().equals(MxTlsCode.MX_ADDRESSES_DIFFER.code()))
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.severity()).isEqualTo(Severity.WARN);
                    assertThat(finding.message()).contains("192.0.2.12 fails", "192.0.2.10 is fine");
                });
    }

    /** The IPv4 address probed (a valid certificate), the IPv6 one left out for want of a route. */
    private static SmtpAddressProbes only(String host, String v4, String v6) throws Exception {
        return new SmtpAddressProbes(
                List.of(new AddressProbe(InetAddress.getByName(v4), Probes.valid(host))),
                List.of(),
                List.of(InetAddress.getByName(v6)));
    }

    private static SmtpAddressProbes both(String host, String v4, String v6) throws Exception {
        LookupResult<dev.mtasts.spi.SmtpProbe> valid = Probes.valid(host);
        return new SmtpAddressProbes(
                List.of(
                        new AddressProbe(InetAddress.getByName(v4), valid),
                        new AddressProbe(InetAddress.getByName(v6), valid)),
                List.of(),
                List.of());
    }
}
