package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import dev.mtasts.testing.SmtpFixture.Scenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

/**
 * {@code mtasts check --json} with the {@code mx-tls} check against one in-process SMTP fixture per scenario: the MX
 * of a domain with an enforce policy points at it, so the check's status is what enforcement will meet there.
 */
final class TestMxTlsCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 604800\n";

    @TempDir
    Path directory;

    private CertificateAuthority ca;
    private DnsFixture dns;
    private HttpsFixture https;
    private SmtpFixture smtp;

    @BeforeEach
    void start() {
        ca = CertificateAuthority.create();
        dns = DnsFixture.start();
        https = HttpsFixture.start(ca);
        smtp = SmtpFixture.start(ca);
        for (String domain : List.of("a.example.com", "b.example.com")) {
            dns.txt("_mta-sts." + domain, "v=STSv1; id=20261128T120000")
                    .txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tls-reports@" + domain)
                    .a("mta-sts." + domain, "127.0.0.1");
            https.policy("mta-sts." + domain, POLICY);
        }
        dns.mx("a.example.com", 10, "mx.example.com")
                .mx("b.example.com", 10, "mx.example.com")
                .a("mx.example.com", "127.0.0.1");
    }

    @AfterEach
    void stop() {
        smtp.close();
        https.close();
        dns.close();
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of(Scenario.VALID, "pass", "mx-tls-ok"),
                Arguments.of(Scenario.WRONG_NAME, "fail", "mx-cert-name-mismatch"),
                Arguments.of(Scenario.EXPIRED, "fail", "mx-cert-expired"),
                Arguments.of(Scenario.EXPIRING_SOON, "warn", "mx-cert-expiring"),
                Arguments.of(Scenario.UNTRUSTED, "fail", "mx-cert-untrusted"),
                Arguments.of(Scenario.NO_STARTTLS, "fail", "mx-starttls-missing"),
                Arguments.of(Scenario.STARTTLS_REFUSED, "fail", "mx-starttls-refused"),
                Arguments.of(Scenario.HANG_AFTER_BANNER, "fail", "mx-smtp-timeout"),
                Arguments.of(Scenario.GARBAGE_BANNER, "fail", "mx-banner-garbage"),
                Arguments.of(Scenario.TLS_1_0_ONLY, "warn", "mx-tls-old"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("scenarios")
    void jsonShowsMxTlsWithTheStatusOfEachScenario(Scenario scenario, String status, String code) throws Exception {
        smtp.scenario(scenario);

        Result result = run("check", "--json", "a.example.com");

        JsonNode report = JSON.readTree(result.out());
        JsonNode check = mxTls(report);
        assertThat(check.path("status").asText()).as(result.out()).isEqualTo(status);
        List<String> codes = new ArrayList<>();
        check.path("findings").forEach(finding -> codes.add(finding.path("code").asText()));
        assertThat(codes).as(result.out()).containsExactly(code);
        JsonNode finding = check.path("findings").get(0);
        assertThat(finding.path("message").asText()).contains("mx.example.com");
        assertThat(finding.path("evidence").asText()).contains("mx.example.com").contains("127.0.0.1 port");
        if (status.equals("fail")) {
            assertThat(result.status()).as("exit status of a failing report").isEqualTo(2);
        }
        assertThat(smtp.connections()).isEqualTo(1);
    }

    @Test
    void evidenceOfAnEstablishedSessionShowsTheCertificateAndTlsVersion() throws Exception {
        Result result = run("check", "--json", "a.example.com");

        String evidence = mxTls(JSON.readTree(result.out()))
                .path("findings")
                .get(0)
                .path("evidence")
                .asText();
        assertThat(evidence)
                .contains("subject: CN=mx.example.com")
                .contains("SANs: mx.example.com")
                .contains("issuer: CN=mtasts test CA")
                .contains("notAfter: ")
                .containsPattern("TLS: TLSv1\\.[23], ");
    }

    @Test
    void aBulkRunProbesAnMxHostSharedByItsDomainsOnce() throws Exception {
        Result result = run("check", "--json", "a.example.com", "b.example.com");

        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(mxTls(JSON.readTree(line)).path("status").asText())
                    .as(line)
                    .isEqualTo("pass");
        }
        assertThat(smtp.connections()).isEqualTo(1);
    }

    @Test
    void tlsaRecordsFromAResolverThatDoesNotValidateAreReportedAsUnsigned() throws Exception {
        dns.record(new TLSARecord(Name.fromString("_25._tcp.mx.example.com."), DClass.IN, 300, 3, 1, 1, new byte[32]));

        Result result = run("check", "--json", "a.example.com");

        JsonNode check = mxTls(JSON.readTree(result.out()));
        List<String> codes = new ArrayList<>();
        check.path("findings").forEach(finding -> codes.add(finding.path("code").asText()));
        assertThat(codes).containsExactly("mx-tls-ok", "mx-dane-unsigned");
        assertThat(check.path("findings").get(1).path("evidence").asText())
                .isEqualTo("_25._tcp.mx.example.com. TLSA 3 1 1 " + "00".repeat(32));
    }

    @Test
    void mxProbesZeroTurnsTheCheckOff() throws Exception {
        Result result = run("check", "--json", "--mx-probes", "0", "a.example.com");

        JsonNode check = mxTls(JSON.readTree(result.out()));
        assertThat(check.path("status").asText()).isEqualTo("skip");
        assertThat(check.path("skipReason").asText()).contains("turned off");
        assertThat(smtp.connections()).isZero();
    }

    @Test
    void badMxProbeCountIsUsage() {
        Result result = run("check", "--mx-probes", "-1", "a.example.com");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--mx-probes: give 0 to 100");
    }

    private static JsonNode mxTls(JsonNode report) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals("mx-tls")) {
                return check;
            }
        }
        throw new AssertionError("no mx-tls check in " + report);
    }

    private Result run(String command, String... arguments) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(List.of(
                "--resolver", dns.hostAndPort(),
                "--ca-file", ca.writePem(directory.resolve("ca.pem")).toString(),
                "--allow-address", "127.0.0.0/8",
                "--https-port", String.valueOf(https.port()),
                "--smtp-port", String.valueOf(smtp.port()),
                "--data-dir", directory.resolve("data").toString(),
                "--timeout", "30"));
        all.addAll(List.of(arguments));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    private record Result(int status, String out, String err) {}
}
