package dev.mtasts.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.LookupResult.NotFoundKind;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.TxtAnswer;
import dev.mtasts.testing.DnsFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TestDnsClient {
    private DnsFixture dns;
    private DnsClient client;

    @BeforeEach
    void start() {
        dns = DnsFixture.start();
        client = new DnsClient(List.of(dns.hostAndPort()), Duration.ofMillis(800));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void multiStringTxtRecordsKeepTheirStringsAndTtl() {
        dns.txt("_mta-sts.example.com", Duration.ofSeconds(1800), List.of("v=STSv1; ", "id=20261128"));

        TxtAnswer answer = found(client.txt("_mta-sts.example.com").join());

        assertThat(answer.records()).singleElement().satisfies(record -> {
            assertThat(record.strings()).containsExactly("v=STSv1; ", "id=20261128");
            assertThat(record.text()).isEqualTo("v=STSv1; id=20261128");
            assertThat(record.ttlSeconds()).isEqualTo(1800);
        });
        assertThat(answer.cnameChain()).isEmpty();
    }

    @Test
    void theResponseAsItCameShowsACnameBesideTheTxtRecordAndTheAdBit() {
        dns.txt("_mta-sts.example.com", "v=STSv1; id=own");
        dns.conflictingCname("_mta-sts.example.com", "_mta-sts.provider.example");
        dns.txt("_mta-sts.provider.example", "v=STSv1; id=provider");
        dns.authenticated("_mta-sts.example.com");

        TxtAnswer answer = found(client.txt("_mta-sts.example.com").join());

        // dnsjava follows the CNAME (as many resolvers and senders do); the response as it came shows the conflict
        assertThat(answer.records()).extracting(TxtAnswer.TxtRecord::text).containsExactly("v=STSv1; id=provider");
        assertThat(answer.cnameChain()).containsExactly("_mta-sts.provider.example");
        TxtAnswer.Response response = answer.response().orElseThrow();
        assertThat(response.authenticated()).isTrue();
        assertThat(response.at("_mta-sts.example.com.", TxtAnswer.RecordType.CNAME))
                .singleElement()
                .extracting(TxtAnswer.AnswerRecord::data)
                .isEqualTo("_mta-sts.provider.example");
        assertThat(response.at("_mta-sts.example.com", TxtAnswer.RecordType.TXT))
                .singleElement()
                .extracting(TxtAnswer.AnswerRecord::data)
                .isEqualTo("\"v=STSv1; id=own\"");
        assertThat(dns.queryCount("_mta-sts.example.com", "TXT")).isEqualTo(1);
    }

    @Test
    void twoLookupsOfOneNameAtOnceBothCarryTheResponse() {
        dns.txt("_smtp._tls.example.com", "v=TLSRPTv1; rua=mailto:r@example.com")
                .authenticated("_smtp._tls.example.com")
                .delay(Duration.ofMillis(100));

        var first = client.txt("_smtp._tls.example.com");
        var second = client.txt("_smtp._tls.example.com");

        for (TxtAnswer answer : List.of(found(first.join()), found(second.join()))) {
            assertThat(answer.response()).hasValueSatisfying(response -> assertThat(response.authenticated())
                    .isTrue());
        }
    }

    @Test
    void anUnsignedAnswerHasNoAdBit() {
        dns.txt("_smtp._tls.example.com", Duration.ofSeconds(60), "v=TLSRPTv1; rua=mailto:r@example.com");

        TxtAnswer answer = found(client.txt("_smtp._tls.example.com").join());

        assertThat(answer.response()).hasValueSatisfying(response -> {
            assertThat(response.authenticated()).isFalse();
            assertThat(response.answer()).singleElement().satisfies(record -> {
                assertThat(record.type()).isEqualTo(TxtAnswer.RecordType.TXT);
                assertThat(record.ttlSeconds()).isEqualTo(60);
            });
        });
    }

    @Test
    void nxdomainAndNodataAreDistinct() {
        dns.a("example.com", "192.0.2.1");

        assertThat(client.txt("nothing.example.com").join())
                .isInstanceOfSatisfying(LookupResult.NotFound.class, notFound -> assertThat(notFound.kind())
                        .isEqualTo(NotFoundKind.NXDOMAIN));
        assertThat(client.txt("example.com").join())
                .isInstanceOfSatisfying(LookupResult.NotFound.class, notFound -> assertThat(notFound.kind())
                        .isEqualTo(NotFoundKind.NO_DATA));
    }

    @Test
    void cnameChainsAreFollowedAndReported() {
        dns.cname("_mta-sts.example.com", "_mta-sts.provider.example");
        dns.cname("_mta-sts.provider.example", "sts.provider.example");
        dns.txt("sts.provider.example", "v=STSv1; id=abc");

        TxtAnswer answer = found(client.txt("_mta-sts.example.com").join());

        assertThat(answer.records())
                .singleElement()
                .extracting(TxtAnswer.TxtRecord::text)
                .isEqualTo("v=STSv1; id=abc");
        assertThat(answer.cnameChain()).containsExactly("_mta-sts.provider.example", "sts.provider.example");
    }

    @Test
    void danglingCnameIsItsOwnKindOfNotFound() {
        dns.cname("_mta-sts.example.com", "gone.provider.example");

        assertThat(client.txt("_mta-sts.example.com").join())
                .isInstanceOfSatisfying(LookupResult.NotFound.class, notFound -> {
                    assertThat(notFound.kind()).isEqualTo(NotFoundKind.DANGLING_CNAME);
                    assertThat(notFound.detail()).contains("gone.provider.example");
                });
    }

    @Test
    void cnameLoopFails() {
        dns.cname("a.example.com", "b.example.com");
        dns.cname("b.example.com", "a.example.com");

        assertThat(client.txt("a.example.com").join())
                .isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.kind())
                        .isEqualTo(FailureKind.CNAME_LOOP));
    }

    @Test
    void truncatedUdpAnswerIsRetriedOverTcp() {
        dns.txt("_mta-sts.example.com", "v=STSv1; id=tcp1");
        dns.truncate("_mta-sts.example.com", "TXT");

        TxtAnswer answer = found(client.txt("_mta-sts.example.com").join());

        assertThat(answer.records())
                .singleElement()
                .extracting(TxtAnswer.TxtRecord::text)
                .isEqualTo("v=STSv1; id=tcp1");
        assertThat(dns.queries()).anyMatch(query -> query.transport() == DnsFixture.Transport.TCP);
    }

    @Test
    void servfailAndSilenceAreFailuresNotExceptions() {
        dns.servfail("_mta-sts.example.com", "TXT");
        dns.drop("_smtp._tls.example.com", "TXT");

        assertThat(client.txt("_mta-sts.example.com").join())
                .isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.kind())
                        .isEqualTo(FailureKind.SERVER_FAILURE));
        assertThat(client.txt("_smtp._tls.example.com").join())
                .isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.kind())
                        .isEqualTo(FailureKind.TIMEOUT));
    }

    @Test
    void aQueryTheResolverDropsOrFailsOnceIsRetriedBeforeItCounts() {
        dns.txt("_mta-sts.example.com", "v=STSv1; id=1");
        dns.mx("example.com", 10, "mx.example.com");
        dns.failFirst("_mta-sts.example.com", "TXT", 1, DnsFixture.Misbehaviour.DROP);
        dns.failFirst("example.com", "MX", 1, DnsFixture.Misbehaviour.SERVFAIL);

        assertThat(found(client.txt("_mta-sts.example.com").join()).records())
                .singleElement()
                .extracting(TxtAnswer.TxtRecord::text)
                .isEqualTo("v=STSv1; id=1");
        assertThat(found(client.mx("example.com").join()).records()).hasSize(1);
        assertThat(dns.queryCount("_mta-sts.example.com", "TXT")).isEqualTo(2);
        assertThat(dns.queryCount("example.com", "MX")).isEqualTo(2);
    }

    @Test
    void aQueryThatKeepsFailingSaysItWasRetriedAndNeverNamesTheResolver() {
        dns.servfail("_mta-sts.example.com", "TXT");
        dns.drop("_smtp._tls.example.com", "TXT");

        assertThat(client.txt("_mta-sts.example.com").join())
                .isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.detail())
                        .contains("SERVFAIL", "asked 2 times")
                        .doesNotContain("127.0.0.1", String.valueOf(dns.port())));
        assertThat(client.txt("_smtp._tls.example.com").join())
                .isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.detail())
                        .contains("no answer from the DNS resolver", "asked 2 times")
                        .doesNotContain("127.0.0.1", String.valueOf(dns.port())));
        assertThat(dns.queryCount("_mta-sts.example.com", "TXT")).isEqualTo(2);
    }

    @Test
    void theRetryAsksTheNextConfiguredResolverFirst() {
        try (DnsFixture second = DnsFixture.start()) {
            dns.drop("_mta-sts.example.com", "TXT");
            second.txt("_mta-sts.example.com", "v=STSv1; id=2");
            DnsClient two = new DnsClient(List.of(dns.hostAndPort(), second.hostAndPort()), Duration.ofMillis(500));

            assertThat(found(two.txt("_mta-sts.example.com").join()).records())
                    .singleElement()
                    .extracting(TxtAnswer.TxtRecord::text)
                    .isEqualTo("v=STSv1; id=2");
            assertThat(dns.queryCount("_mta-sts.example.com", "TXT")).isEqualTo(1);
            assertThat(second.queryCount("_mta-sts.example.com", "TXT")).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableResolverIsNotNamedInTheResult() {
        DnsClient unreachable = new DnsClient(List.of("127.0.0.1:1"), Duration.ofMillis(300));

        assertThat(unreachable.txt("_mta-sts.example.com").join())
                .isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.detail())
                        .doesNotContain("127.0.0.1", "null", "[")
                        .containsPattern("resolver"));
    }

    @Test
    void refusedGarbageAndCutShortAnswersAreClearFailures() {
        dns.misbehave("refused.example.com", "TXT", DnsFixture.Misbehaviour.REFUSED);
        dns.misbehave("garbage.example.com", "TXT", DnsFixture.Misbehaviour.GARBAGE);
        dns.misbehave("short.example.com", "TXT", DnsFixture.Misbehaviour.CUT_SHORT);

        for (String name : List.of("refused.example.com", "garbage.example.com", "short.example.com")) {
            long started = System.nanoTime();
            LookupResult<TxtAnswer> result = client.txt(name).join();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(result).as(name).isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(
                            failed.detail())
                    .doesNotContain("127.0.0.1", "null", "Exception"));
        }
    }

    @Test
    void mxRecordsAreSortedAndNullMxIsRecognised() {
        dns.mx("example.com", 20, "backup.example.com.");
        dns.mx("example.com", 10, "MX1.example.com.");
        dns.mx("null.example", 0, ".");

        MxAnswer answer = found(client.mx("example.com").join());
        assertThat(answer.records())
                .extracting(MxAnswer.MxRecord::host)
                .containsExactly("mx1.example.com", "backup.example.com");
        assertThat(found(client.mx("null.example").join()).isNullMx()).isTrue();
    }

    @Test
    void addressesCombineAAndAaaa() {
        dns.a("mx1.example.com", "192.0.2.10");
        dns.aaaa("mx1.example.com", "2001:db8::10");
        dns.a("v4only.example.com", "192.0.2.11");

        AddressAnswer both = found(client.addresses("mx1.example.com").join());
        assertThat(both.addresses())
                .extracting(address -> address.getHostAddress())
                .containsExactlyInAnyOrder("192.0.2.10", "2001:db8:0:0:0:0:0:10");
        assertThat(found(client.addresses("v4only.example.com").join()).addresses())
                .hasSize(1);
        assertThat(client.addresses("missing.example.com").join()).isInstanceOf(LookupResult.NotFound.class);
    }

    @Test
    void lookupsAwaitedFromBusyCommonPoolThreadsStillComplete() {
        dns.delay(Duration.ofMillis(100));
        for (int index = 0; index < 8; index++) {
            dns.txt("n" + index + ".example.com", "record " + index);
        }
        int parallelism = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism();
        List<java.util.concurrent.CompletableFuture<String>> tasks = new java.util.ArrayList<>();
        for (int index = 0; index < Math.max(8, parallelism * 2); index++) {
            String name = "n" + (index % 8) + ".example.com";
            // each task occupies a common-pool thread while it waits for its lookup
            tasks.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> found(client.txt(name).join()).records().getFirst().text()));
        }

        assertThat(tasks).allSatisfy(task -> assertThat(task.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                        .join())
                .startsWith("record "));
    }

    @Test
    void resolverSyntaxIsCheckedWithAClearMessage() {
        assertThat(DnsClient.parseResolver("127.0.0.1:5353").getPort()).isEqualTo(5353);
        assertThat(DnsClient.parseResolver("[::1]:53").getAddress().isLoopbackAddress())
                .isTrue();
        assertThat(DnsClient.parseResolver("9.9.9.9").getPort()).isEqualTo(53);
        assertThatThrownBy(() -> DnsClient.parseResolver("dns.example:53")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> DnsClient.parseResolver("127.0.0.1:99999")).hasMessageContaining("port");
    }

    private static <T> T found(LookupResult<T> result) {
        assertThat(result).isInstanceOf(LookupResult.Found.class);
        return result.found().orElseThrow();
    }
}
