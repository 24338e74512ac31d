package dev.mtasts.launcher;

import static dev.mtasts.launcher.TestCheckCommandUsage.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.launcher.TestCheckCommandUsage.Result;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk {@code check --file} writes its history behind the checks, many observations per commit: when the command
 * returns, every domain's observation is in the store, none lost in the queue.
 */
final class TestBulkHistory {
    private static final int DOMAINS = 150;
    private static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx.provider.example\nmax_age: 604800\n";

    @TempDir
    Path directory;

    @Test
    void everyDomainOfABulkRunIsStoredWhenTheCommandReturns() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create();
        Path caFile = ca.writePem(directory.resolve("ca.pem"));
        Path data = directory.resolve("data");
        List<String> domains = new ArrayList<>();
        try (DnsFixture dns = DnsFixture.start();
                HttpsFixture https = HttpsFixture.start(ca);
                SmtpFixture smtp = SmtpFixture.start(ca)) {
            dns.mx("provider.example", 10, "mx.provider.example").a("mx.provider.example", "127.0.0.1");
            for (int index = 0; index < DOMAINS; index++) {
                String domain = "d" + index + ".bulk.example";
                domains.add(domain);
                dns.txt("_mta-sts." + domain, "v=STSv1; id=20261204T000000")
                        .txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tlsrpt@" + domain)
                        .mx(domain, 10, "mx.provider.example")
                        .a("mta-sts." + domain, "127.0.0.1");
                https.policy("mta-sts." + domain, POLICY);
            }
            Path file = Files.write(directory.resolve("domains.txt"), domains);

            Result result = run(
                    "check",
                    "--json",
                    "--concurrency",
                    "32",
                    "--file",
                    file.toString(),
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
                    data.toString());

            assertThat(result.out().lines()).as(result.err()).hasSize(DOMAINS);
            assertThat(result.err()).doesNotContain("could not be stored");
        }
        try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.embedded(data), Clock.systemUTC())) {
            for (String domain : domains) {
                assertThat(store.timeline(domain)).as(domain).singleElement().satisfies(observation -> assertThat(
                                observation.recordId())
                        .contains("20261204T000000"));
            }
        }
    }
}
