package dev.mtasts.launcher;

import static dev.mtasts.launcher.TestCheckCommandUsage.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.launcher.TestCheckCommandUsage.Result;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.ObservationBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtasts tlsrpt import} and {@code summary} end to end through {@link Main#run}, on an embedded database. */
final class TestTlsRptCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path directory;

    private static String report(String organization, String id, LocalDate day, String domain, String policyExtra) {
        return """
                {"organization-name": %s, "report-id": "%s", "contact-info": null,
                 "date-range": {"start-datetime": "%sT00:00:00Z", "end-datetime": "%sT23:59:59Z"},
                 "policies": [{"policy": {"policy-type": "sts", %s "mx-host": ["mx1.example.com", "mx2.example.com"]},
                               "summary": {"total-successful-session-count": 100, "total-failure-session-count": %s}
                               %s}]}
                """.formatted(
                        JSON.valueToTree(organization).toString(),
                        id,
                        day,
                        day,
                        domain == null ? "" : "\"policy-domain\": \"" + domain + "\",",
                        policyExtra.isEmpty() ? "0" : "2",
                        policyExtra);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A folder as a mailbox export leaves it: JSON, gzip, a mail, a resent report, junk and a gzip bomb. */
    private Path folder() throws IOException {
        Path reports = Files.createDirectories(directory.resolve("reports"));
        Files.writeString(
                reports.resolve("a.json"),
                report(
                        "Org A",
                        "a-1",
                        TODAY.minusDays(3),
                        "example.com",
                        ", \"failure-details\": [{\"result-type\": \"certificate-host-mismatch\","
                                + " \"receiving-mx-hostname\": \"mx2.example.com\", \"failed-session-count\": 2}]"));
        Files.writeString(
                reports.resolve("a-resent.json"), report("Org A", "a-1", TODAY.minusDays(3), "example.com", ""));
        Files.write(
                reports.resolve("org-b.example!example.com!1!2.json.gz"),
                gzip(report("<!channel> Org B", "b-1", TODAY.minusDays(2), null, "")));
        String eml = "From: r@c.example\r\nTLS-Report-Domain: example.com\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nreport\r\n"
                + "--b\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"c.example!example.com!1!2.json.gz\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(gzip(report("Org C", "c-1", TODAY.minusDays(1), null, "")))
                + "\r\n--b--\r\n";
        Files.writeString(reports.resolve("c.eml"), eml);
        Files.writeString(reports.resolve("junk.json"), "{\"hello\": 1}");
        Files.writeString(reports.resolve("notes.txt"), "not a report, not imported");
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            gzip.write('{');
            gzip.write(new byte[64 * 1024 * 1024]);
        }
        Files.write(reports.resolve("zz-bomb.json.gz"), bomb.toByteArray());
        return reports;
    }

    @Test
    void importsAFolderThenSummarisesItExactly() throws Exception {
        Path reports = folder();
        String data = directory.resolve("data").toString();

        Result imported = run("tlsrpt", "import", "--data-dir", data, reports.toString());

        assertThat(imported.status()).isEqualTo(TlsRptImportCommand.REJECTED);
        assertThat(imported.err()).isEmpty();
        assertThat(imported.out().lines().toList())
                .hasSize(7)
                .anySatisfy(line -> assertThat(line)
                        .endsWith("a-resent.json: stored: example.com from Org A, report a-1,"
                                + " 100 successful / 0 failed sessions"))
                .anySatisfy(line -> assertThat(line)
                        .endsWith("a.json: already stored (counted once): example.com from"
                                + " Org A, report a-1, 100 successful / 2 failed sessions"))
                .anySatisfy(line -> assertThat(line).contains("c.eml (c.example!example.com!1!2.json.gz): stored:"))
                .anySatisfy(line -> assertThat(line)
                        .endsWith("junk.json: rejected: not a TLS-RPT report: no" + " organization-name"))
                .anySatisfy(line ->
                        assertThat(line).contains("zz-bomb.json.gz: rejected: compression ratio over the limit"))
                .anySatisfy(
                        line -> assertThat(line).startsWith("imported 3 new reports, 1 already stored, 2 rejected"));

        Result summary = run("tlsrpt", "summary", "--json", "--data-dir", data, "example.com");

        assertThat(summary.status()).isZero();
        JsonNode json = JSON.readTree(summary.out());
        assertThat(json.get("domain").asText()).isEqualTo("example.com");
        assertThat(json.get("to").asText()).isEqualTo(TODAY.toString());
        assertThat(json.get("from").asText()).isEqualTo(TODAY.minusDays(29).toString());
        assertThat(json.get("reports").asInt()).isEqualTo(3);
        assertThat(json.get("organizations").toString()).isEqualTo("[\"<!channel> Org B\",\"Org A\",\"Org C\"]");
        assertThat(json.get("sessions").toString()).isEqualTo("{\"successful\":300,\"failed\":0}");
        assertThat(json.get("failures").toString()).isEqualTo("[]");
        assertThat(json.get("byMx").toString()).isEqualTo("[{\"mx\":\"*\",\"successful\":300,\"failed\":0}]");
        assertThat(json.get("enforceReadiness").get("ready").asBoolean()).isFalse();

        Result text = run("tlsrpt", "summary", "--days", "3", "--data-dir", data, "example.com");
        assertThat(text.out()).contains("reports: 2").contains("from: <!channel> Org B, Org C");
    }

    @Test
    void saysWhenATestingDomainIsReadyAndWhatToChange() throws Exception {
        Path data = directory.resolve("data");
        try (JdbcHistoryStore history = JdbcHistoryStore.open(StoreSettings.embedded(data), Clock.systemUTC())) {
            history.record(
                    "example.com",
                    ObservationBuilder.at(Instant.now())
                            .policy("version: STSv1\nmode: testing\nmx: mx1.example.com\nmx: mx2.example.com\n"
                                    + "max_age: 604800\n")
                            .build());
        }
        Path reports = Files.createDirectories(directory.resolve("daily"));
        for (int day = 1; day <= 28; day++) {
            Files.writeString(
                    reports.resolve("r" + day + ".json"),
                    report(day % 2 == 0 ? "Org A" : "Org B", "r" + day, TODAY.minusDays(day), "example.com", ""));
        }
        assertThat(run("tlsrpt", "import", "--data-dir", data.toString(), reports.toString())
                        .status())
                .isZero();

        JsonNode ready = JSON.readTree(run("tlsrpt", "summary", "--json", "--data-dir", data.toString(), "example.com")
                        .out())
                .get("enforceReadiness");
        String text = run("tlsrpt", "summary", "--data-dir", data.toString(), "example.com")
                .out();
        JsonNode notYet = JSON.readTree(
                        run("tlsrpt", "summary", "--json", "--days", "27", "--data-dir", data.toString(), "example.com")
                                .out())
                .get("enforceReadiness");

        assertThat(ready.get("ready").asBoolean()).isTrue();
        assertThat(ready.get("reasons").get(0).asText())
                .isEqualTo("reports over 28 days from 2 organisations cover every MX, with no STS, certificate or"
                        + " STARTTLS failures");
        assertThat(ready.get("reasons")).hasSize(1);
        assertThat(ready.get("policyChange").asText()).contains("change 'mode: testing' to 'mode: enforce'");
        assertThat(ready.get("newId").asText()).matches("[0-9]{14}");
        assertThat(ready.get("record").asText())
                .isEqualTo("_mta-sts.example.com. TXT \"v=STSv1; id="
                        + ready.get("newId").asText() + "\"");
        assertThat(text)
                .contains("Safe to enforce\n  - reports over 28 days")
                .contains("  1. Change the policy file: in https://mta-sts.example.com/.well-known/mta-sts.txt")
                .contains("  2. Then publish the new id " + ready.get("newId").asText() + ": _mta-sts.example.com.");
        assertThat(text.split("change 'mode: testing'", -1))
                .as("the change is given once")
                .hasSize(2);
        assertThat(notYet.get("ready").asBoolean()).isFalse();
        assertThat(notYet.get("reasons").toString()).isEqualTo("[\"reports span 26 days; at least 28 are needed\"]");
    }

    @Test
    void readsStandardInput() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(gzip(report("Org S", "s-1", TODAY, "example.com", ""))));
            Result result = run(
                    "tlsrpt", "import", "--data-dir", directory.resolve("data").toString(), "-");
            assertThat(result.status()).isZero();
            assertThat(result.out()).startsWith("-: stored: example.com from Org S, report s-1");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aMissingFileIsOneLineAndItsOwnExitStatus() {
        Result result = run(
                "tlsrpt",
                "import",
                "--data-dir",
                directory.resolve("data").toString(),
                directory.resolve("nope.json").toString());

        assertThat(result.status()).isEqualTo(TlsRptImportCommand.NO_INPUT);
        assertThat(result.err().strip())
                .endsWith("nope.json: cannot read: no such file or folder")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnreachableStoreIsUnavailableWithTheReasonForImportAndSummary() throws Exception {
        Path report = directory.resolve("report.json");
        Files.writeString(report, "{}");
        for (String[] command :
                List.of(new String[] {"import", report.toString()}, new String[] {"summary", "example.com"})) {
            List<String> arguments = new ArrayList<>(List.of("tlsrpt"));
            arguments.addAll(List.of(command));
            arguments.addAll(List.of("--jdbc-url", "jdbc:postgresql://127.0.0.1:9/mtasts"));

            Result result = run(arguments.toArray(String[]::new));

            assertThat(result.status()).as(command[0]).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(result.err())
                    .as(command[0])
                    .startsWith("mtasts: ")
                    .contains("PostgreSQL jdbc:postgresql://127.0.0.1:9/mtasts")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void usageErrors() {
        assertThat(run("tlsrpt", "import").status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("tlsrpt", "summary", "--days", "0", "example.com").status())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("tlsrpt", "summary", "not a domain!").status()).isEqualTo(ExitCodes.USAGE);
        Result bare = run("tlsrpt");
        assertThat(bare.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(bare.err()).contains("a subcommand is required");
    }
}
