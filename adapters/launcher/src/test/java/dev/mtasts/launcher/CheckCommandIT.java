package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the packaged launcher ({@code target/mtasts.jar}) runs as a separate process against the in-process
 * DNS, HTTPS and SMTP fixtures, exactly as a CI pipeline would call it.
 */
final class CheckCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private DnsFixture dns;
    private HttpsFixture https;
    private SmtpFixture smtp;
    private Path caFile;

    @BeforeEach
    void start() {
        dns = DnsFixture.start();
        CertificateAuthority ca = CertificateAuthority.create();
        https = HttpsFixture.start(ca);
        smtp = SmtpFixture.start(ca);
        caFile = ca.writePem(directory.resolve("ca.pem"));
        publishGoodDomain("good.example");
    }

    @AfterEach
    void stop() {
        smtp.close();
        https.close();
        dns.close();
    }

    @Test
    void jsonForAHealthyDomainFollowsTheContract() throws Exception {
        Process process = launch("check", "--json", "Good.Example.");

        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        JsonNode report = JSON.readTree(out);
        assertThat(report.path("domain").asText()).isEqualTo("good.example");
        assertThat(report.path("input").asText()).isEqualTo("Good.Example.");
        assertThat(report.path("status").asText()).as(out + err).isIn("pass", "info");
        assertThat(report.path("checkedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(report.path("durationMs").isIntegralNumber()).isTrue();
        assertThat(report.path("sender").path("outcome").asText()).isEqualTo("valid");
        assertThat(report.path("policy").path("mode").asText()).isEqualTo("enforce");
        assertThat(report.path("policy").path("maxAge").asLong()).isEqualTo(604800);
        assertThat(report.path("policy").path("mx").get(0).asText()).isEqualTo("mx1.good.example");
        List<String> ids = new ArrayList<>();
        report.path("checks").forEach(check -> ids.add(check.path("id").asText()));
        assertThat(ids).contains("dns-record", "policy-fetch", "policy-syntax", "mx-sync", "tls-rpt", "mx-tls");
        JsonNode finding = report.path("checks").get(0).path("findings").get(0);
        assertThat(finding.has("code")
                        && finding.has("severity")
                        && finding.has("message")
                        && finding.has("evidence")
                        && finding.has("remediation")
                        && finding.has("fixTime"))
                .isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void severalDomainsGiveJsonLinesInInputOrderAndTheWorstExitStatus() throws Exception {
        Path list = directory.resolve("domains.txt");
        Files.writeString(list, "# audit list\n\ngood.example\nmissing.example\n");

        Process process = launch("check", "--json", "--file", list.toString());
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).path("domain").asText()).isEqualTo("good.example");
        JsonNode missing = JSON.readTree(lines.get(1));
        assertThat(missing.path("domain").asText()).isEqualTo("missing.example");
        assertThat(missing.path("status").asText()).isEqualTo("fail");
        assertThat(missing.path("sender").path("outcome").asText()).isEqualTo("none");
        assertThat(process.exitValue()).isEqualTo(2);
    }

    @Test
    void badInputIsExit64WithOneLineAndNoLookup() throws Exception {
        Process process = launch("check", "http://[::1]/");
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(64);
        assertThat(err.lines().toList()).hasSize(1);
        assertThat(dns.queries()).isEmpty();
    }

    @Test
    void textReportOnAPipeHasNoColour() throws Exception {
        Process process = launch("check", "good.example");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(out).contains("MTA-STS report for good.example").doesNotContain("\u001b[");
        assertThat(out).contains("Sender view");
    }

    private void publishGoodDomain(String domain) {
        dns.txt("_mta-sts." + domain, "v=STSv1; id=20261128T120000")
                .txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tls-reports@" + domain)
                .mx(domain, 10, "mx1." + domain)
                .a("mx1." + domain, "127.0.0.1")
                .a("mta-sts." + domain, "127.0.0.1");
        https.policy("mta-sts." + domain, "version: STSv1\nmode: enforce\nmx: mx1." + domain + "\nmax_age: 604800\n");
    }

    private Process launch(String... arguments) throws IOException {
        return PackagedLauncher.builder(
                        arguments[0],
                        dns,
                        https,
                        smtp,
                        caFile,
                        directory.resolve("data"),
                        List.of(arguments).subList(1, arguments.length))
                .start();
    }
}
