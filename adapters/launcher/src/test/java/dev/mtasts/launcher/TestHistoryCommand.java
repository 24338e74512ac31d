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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mtasts check} records history in the data directory, run after run, and {@code mtasts history} shows it:
 * the CLI end to end through {@link Main#run}, against DNS and HTTPS servers on loopback.
 */
final class TestHistoryCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOMAIN = "drift.example";
    private static final String BEFORE = "version: STSv1\nmode: enforce\nmx: mx1.drift.example\nmax_age: 604800\n";
    private static final String AFTER =
            "version: STSv1\nmode: enforce\nmx: mx1.drift.example\nmx: mx2.drift.example\nmax_age: 604800\n";

    @TempDir
    Path directory;

    private final List<DnsFixture> dnsServers = new ArrayList<>();
    private HttpsFixture https;
    private SmtpFixture smtp;
    private Path caFile;
    private Path data;

    @BeforeEach
    void start() {
        CertificateAuthority ca = CertificateAuthority.create();
        https = HttpsFixture.start(ca);
        smtp = SmtpFixture.start(ca);
        caFile = ca.writePem(directory.resolve("ca.pem"));
        data = directory.resolve("data");
    }

    @AfterEach
    void stop() {
        smtp.close();
        https.close();
        dnsServers.forEach(DnsFixture::close);
    }

    @Test
    void everyCheckIsRecordedAndHistoryShowsWhatChangedWhen() throws Exception {
        https.policy("mta-sts." + DOMAIN, BEFORE);
        Result baseline = check("20261101T000000", "--json");
        https.policy("mta-sts." + DOMAIN, AFTER);
        Result drift = check("20261101T000000", "--json");
        Result bumped = check("20261128T120000", "--json");

        assertThat(idSync(baseline)).isEqualTo("pass");
        assertThat(idSync(drift)).isEqualTo("fail");
        assertThat(drift.status()).isEqualTo(ExitCodes.FAIL);
        assertThat(idSync(bumped)).isEqualTo("pass");

        Result text = run("history", "--data-dir", data.toString(), "Drift.Example.");

        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out())
                .startsWith("History of drift.example: 3 observations from ")
                .contains("2 changes")
                .contains("first seen: id 20261101T000000, mode enforce, max_age 604800 (7 d)")
                .contains("policy body changed while the id stayed 20261101T000000; mx patterns +mx2.drift.example;")
                .contains("→ fail; findings +id-not-bumped")
                .contains("+ mx: mx2.drift.example")
                .contains("id 20261101T000000 → 20261128T120000; status fail →")
                .contains("−id-not-bumped")
                .doesNotContain("id-baseline");

        Result json = run("history", "--json", "--data-dir", data.toString(), DOMAIN);

        assertThat(json.status()).isZero();
        JsonNode timeline = JSON.readTree(json.out());
        assertThat(timeline.path("domain").asText()).isEqualTo(DOMAIN);
        assertThat(timeline.path("observations").asInt()).isEqualTo(3);
        assertThat(timeline.path("entries")).hasSize(3);
        assertThat(timeline.path("entries")
                        .get(1)
                        .path("state")
                        .path("findings")
                        .toString())
                .contains("id-not-bumped");
        assertThat(timeline.path("entries")
                        .get(2)
                        .path("changes")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("id");
        assertThat(timeline.path("entries").get(2).path("state").path("id").asText())
                .isEqualTo("20261128T120000");
    }

    @Test
    void aDomainNeverCheckedHasNoHistoryAndNothingIsCreated() {
        Result result = run("history", "--data-dir", data.toString(), "example.com");

        assertThat(result.status()).isZero();
        assertThat(result.out())
                .startsWith("No history of example.com yet")
                .contains("no history database at " + data.resolve("history.mv.db"));
        assertThat(Files.exists(data)).isFalse();
    }

    @Test
    void badDomainIsUsage() {
        Result result = run("history", "--data-dir", data.toString(), "exa..mple.com");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("empty label");
    }

    @Test
    void anUnreachableStoreIsUnavailableWithTheReason() {
        Result result = run("history", "--jdbc-url", "jdbc:postgresql://127.0.0.1:9/mtasts", "example.com");

        assertThat(result.status()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err())
                .startsWith("mtasts: ")
                .contains("PostgreSQL jdbc:postgresql://127.0.0.1:9/mtasts")
                .doesNotContain("\tat ");
    }

    @Test
    void aJdbcUrlForAnotherDatabaseIsUsage() {
        Result result = run("history", "--jdbc-url", "jdbc:mysql://db/mtasts", "example.com");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("jdbc:postgresql:");
    }

    @Test
    void checkStillChecksWhenTheStoreCannotBeOpened() throws Exception {
        https.policy("mta-sts." + DOMAIN, BEFORE);
        Path notADirectory = Files.writeString(directory.resolve("file"), "x");
        DnsFixture dns = dns("20261101T000000");

        Result result = run(
                "check",
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
                notADirectory.resolve("data").toString(),
                "--json",
                DOMAIN);

        assertThat(result.err()).contains("mtasts: history is off for this run").contains("--data-dir");
        assertThat(JSON.readTree(result.out()).path("domain").asText()).isEqualTo(DOMAIN);
        assertThat(result.status()).isZero();
    }

    private Result check(String id, String... options) {
        DnsFixture dns = dns(id);
        List<String> arguments = new ArrayList<>(List.of(
                "check",
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
                data.toString()));
        arguments.addAll(List.of(options));
        arguments.add(DOMAIN);
        return run(arguments.toArray(String[]::new));
    }

    /** A fresh DNS server publishing the domain with this id (a record cannot be replaced in place). */
    private DnsFixture dns(String id) {
        DnsFixture dns = DnsFixture.start()
                .txt("_mta-sts." + DOMAIN, "v=STSv1; id=" + id)
                .txt("_smtp._tls." + DOMAIN, "v=TLSRPTv1; rua=mailto:tlsrpt@" + DOMAIN)
                .mx(DOMAIN, 10, "mx1." + DOMAIN)
                .a("mx1." + DOMAIN, "127.0.0.1")
                .a("mta-sts." + DOMAIN, "127.0.0.1");
        dnsServers.add(dns);
        return dns;
    }

    private static String idSync(Result result) throws Exception {
        for (JsonNode check : JSON.readTree(result.out()).path("checks")) {
            if (check.path("id").asText().equals("id-sync")) {
                return check.path("status").asText();
            }
        }
        throw new AssertionError("no id-sync check in " + result.out() + result.err());
    }
}
