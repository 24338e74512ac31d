package dev.mtasts.launcher;

import static dev.mtasts.launcher.TestCheckCommandUsage.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.launcher.TestCheckCommandUsage.Result;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mtasts tlsrpt summary --check}: the policy's mode and MX hosts from a live check (DNS, HTTPS and SMTP servers
 * on loopback), judged against imported reports.
 */
final class TestTlsRptSummaryCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOMAIN = "ready.example";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path directory;

    private HttpsFixture https;
    private SmtpFixture smtp;
    private DnsFixture dns;
    private Path caFile;
    private Path data;

    @BeforeEach
    void start() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create();
        https = HttpsFixture.start(ca);
        smtp = SmtpFixture.start(ca);
        caFile = ca.writePem(directory.resolve("ca.pem"));
        data = directory.resolve("data");
        dns = DnsFixture.start()
                .txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261101T000000")
                .txt("_smtp._tls." + DOMAIN, "v=TLSRPTv1; rua=mailto:tlsrpt@" + DOMAIN)
                .mx(DOMAIN, 10, "mx1." + DOMAIN)
                .a("mx1." + DOMAIN, "127.0.0.1")
                .a("mta-sts." + DOMAIN, "127.0.0.1");
        Path reports = Files.createDirectories(directory.resolve("reports"));
        for (int day = 1; day <= 28; day++) {
            Files.writeString(reports.resolve("r" + day + ".json"), """
                    {"organization-name": "%s", "report-id": "r%d",
                     "date-range": {"start-datetime": "%sT00:00:00Z", "end-datetime": "%sT23:59:59Z"},
                     "policies": [{"policy": {"policy-type": "sts", "policy-domain": "%s", "mx-host": "mx1.%s"},
                                   "summary": {"total-successful-session-count": 50,
                                               "total-failure-session-count": 0}}]}
                    """.formatted(
                    day % 2 == 0 ? "Org A" : "Org B", day, TODAY.minusDays(day), TODAY.minusDays(day), DOMAIN, DOMAIN));
        }
        assertThat(run("tlsrpt", "import", "--data-dir", data.toString(), reports.toString())
                        .status())
                .isZero();
    }

    @AfterEach
    void stop() {
        dns.close();
        smtp.close();
        https.close();
    }

    private JsonNode summaryWithCheck() throws Exception {
        Result result = run(
                "tlsrpt",
                "summary",
                "--check",
                "--json",
                "--resolver",
                dns.hostAndPort(),
                "--ca-file",
                caFile.toString(),
                "--allow-address",
                "127.0.0.0/8",
                "--https-port",
                String.valueOf(https.port()),
                "--smtp-port",
                String.valueOf(smtp.port()),
                "--data-dir",
                data.toString(),
                DOMAIN);
        assertThat(result.status()).as(result.err()).isZero();
        return JSON.readTree(result.out()).get("enforceReadiness");
    }

    @Test
    void aTestingPolicyWhoseMxTheReportsCoverIsReady() throws Exception {
        https.policy("mta-sts." + DOMAIN, "version: STSv1\nmode: testing\nmx: mx1." + DOMAIN + "\nmax_age: 604800\n");

        JsonNode readiness = summaryWithCheck();

        assertThat(readiness.get("ready").asBoolean()).as(readiness.toString()).isTrue();
        assertThat(readiness.get("record").asText()).startsWith("_mta-sts." + DOMAIN + ". TXT \"v=STSv1; id=");
    }

    @Test
    void anMxTheReportsNeverCoveredBlocks() throws Exception {
        https.policy(
                "mta-sts." + DOMAIN,
                "version: STSv1\nmode: testing\nmx: mx1." + DOMAIN + "\nmx: mx2." + DOMAIN + "\nmax_age: 604800\n");

        JsonNode readiness = summaryWithCheck();

        assertThat(readiness.get("ready").asBoolean()).isFalse();
        assertThat(readiness.get("reasons").toString()).isEqualTo("[\"no report covers MX mx2." + DOMAIN + "\"]");
    }
}
