package dev.mtasts.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.mtasts.testing.DnsFixture.Query;
import dev.mtasts.testing.DnsFixture.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

final class TestDnsFixture {
    private final DnsFixture dns = DnsFixture.start();

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void exposesOneLoopbackPort() {
        assertThat(dns.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(dns.address().getPort()).isEqualTo(dns.port()).isPositive();
        assertThat(dns.hostAndPort()).isEqualTo("127.0.0.1:" + dns.port());
    }

    @Test
    void txtRecordKeepsItsCharacterStrings() throws IOException {
        dns.txt("_mta-sts.example.com", List.of("v=STSv1; ", "id=20240101"));

        Message response = send("_mta-sts.example.com", Type.TXT);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getSection(Section.ANSWER)).singleElement().satisfies(record -> {
            TXTRecord txt = (TXTRecord) record;
            assertThat(txt.getStrings()).containsExactly("v=STSv1; ", "id=20240101");
            assertThat(txt.getTTL()).isEqualTo(300);
        });
    }

    @Test
    void aConflictingCnameIsServedBesideTheTxtRecordsAndOnlyOnPurpose() throws IOException {
        dns.txt("_mta-sts.example.com", "v=STSv1; id=own");
        assertThatThrownBy(() -> dns.cname("_mta-sts.example.com", "target.example.net"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conflictingCname");
        dns.conflictingCname("_mta-sts.example.com", "target.example.net")
                .txt("target.example.net", "v=STSv1; id=target");

        Message txt = send("_mta-sts.example.com", Type.TXT);
        Message mx = send("_mta-sts.example.com", Type.MX);

        assertThat(txt.getSection(Section.ANSWER))
                .extracting(record -> record.getName().toString(), Record::getType)
                .containsExactly(tuple("_mta-sts.example.com.", Type.CNAME), tuple("_mta-sts.example.com.", Type.TXT));
        // another type follows the CNAME as usual
        assertThat(mx.getSection(Section.ANSWER)).extracting(Record::getType).containsExactly(Type.CNAME);
        assertThat(txt.getHeader().getFlag(Flags.AD)).isFalse();
    }

    @Test
    void answersForAnAuthenticatedNameCarryTheAdBit() throws IOException {
        dns.txt("_smtp._tls.example.com", "v=TLSRPTv1; rua=mailto:r@example.com")
                .txt("example.com", "v=spf1 -all")
                .authenticated("_smtp._tls.example.com");

        assertThat(send("_smtp._tls.example.com", Type.TXT).getHeader().getFlag(Flags.AD))
                .isTrue();
        assertThat(send("example.com", Type.TXT).getHeader().getFlag(Flags.AD)).isFalse();
    }

    @Test
    void severalTxtRecordsAndTtl() throws IOException {
        dns.txt("_mta-sts.example.com", "v=STSv1; id=1")
                .txt("_mta-sts.example.com", Duration.ofSeconds(60), "v=STSv1; id=2")
                .txt("_mta-sts.example.com", "v=STSv1; id=1");

        Message response = send("_MTA-STS.Example.COM.", Type.TXT);

        assertThat(response.getSection(Section.ANSWER))
                .extracting(record -> ((TXTRecord) record).getStrings().getFirst(), Record::getTTL)
                .containsExactlyInAnyOrder(tuple("v=STSv1; id=1", 300L), tuple("v=STSv1; id=2", 60L));
    }

    @Test
    void longTextIsSplitAndTruncatedUdpAnswerIsRetriedOverTcp() throws IOException {
        String text = "v=STSv1; id=" + "x".repeat(1500);
        dns.txt("_mta-sts.example.com", text);

        Message response = send("_mta-sts.example.com", Type.TXT);

        TXTRecord txt = (TXTRecord) response.getSection(Section.ANSWER).getFirst();
        assertThat(txt.getStrings()).hasSize(6).allSatisfy(string -> assertThat(string.length())
                .isLessThanOrEqualTo(255));
        assertThat(String.join("", txt.getStrings())).isEqualTo(text);
        assertThat(dns.queries()).extracting(Query::transport).containsExactly(Transport.UDP, Transport.TCP);
    }

    @Test
    void rawTxtBytesAreServedAsGiven() throws IOException {
        byte[] invalidUtf8 = {'v', '=', (byte) 0xff, (byte) 0xfe};
        dns.txtBytes("_mta-sts.example.com", DnsFixture.DEFAULT_TTL, List.of(invalidUtf8));

        TXTRecord txt = (TXTRecord) send("_mta-sts.example.com", Type.TXT)
                .getSection(Section.ANSWER)
                .getFirst();

        assertThat(txt.getStringsAsByteArrays()).singleElement().isEqualTo(invalidUtf8);
    }

    @Test
    void distinguishesNxdomainFromNodata() throws IOException {
        dns.txt("_mta-sts.example.com", "v=STSv1; id=1");

        Message nodata = send("_mta-sts.example.com", Type.MX);
        Message emptyNonTerminal = send("example.com", Type.MX);
        Message nxdomain = send("missing.example.com", Type.TXT);

        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(emptyNonTerminal.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(emptyNonTerminal.getSection(Section.ANSWER)).isEmpty();
        assertThat(nxdomain.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nxdomain.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void servesMxAndAddressRecords() throws IOException {
        dns.mx("example.com", 10, "mx1.example.com")
                .mx("example.com", 20, "mx2.example.com.")
                .mx("null.example", 0, ".")
                .a("mx1.example.com", "127.0.0.1", "127.0.0.2")
                .aaaa("mx1.example.com", "::1");

        assertThat(send("example.com", Type.MX).getSection(Section.ANSWER))
                .extracting(
                        record -> ((MXRecord) record).getPriority(),
                        record -> ((MXRecord) record).getTarget().toString())
                .containsExactlyInAnyOrder(tuple(10, "mx1.example.com."), tuple(20, "mx2.example.com."));
        assertThat(((MXRecord) send("null.example", Type.MX)
                                .getSection(Section.ANSWER)
                                .getFirst())
                        .getTarget())
                .isEqualTo(Name.root);
        assertThat(send("mx1.example.com", Type.A).getSection(Section.ANSWER))
                .extracting(record -> ((ARecord) record).getAddress().getHostAddress())
                .containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");
        assertThat(send("mx1.example.com", Type.AAAA).getSection(Section.ANSWER))
                .extracting(record -> ((AAAARecord) record).getAddress())
                .containsExactly(InetAddress.getByName("::1"));
    }

    @Test
    void followsCnameChainWithinItsData() throws IOException {
        dns.cname("mta-sts.example.com", "alias.hosting.example")
                .cname("alias.hosting.example", "policy.hosting.example")
                .a("policy.hosting.example", "127.0.0.1");

        Message response = send("mta-sts.example.com", Type.A);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER))
                .extracting(Record::getType, record -> record.getName().toString())
                .containsExactly(
                        tuple(Type.CNAME, "mta-sts.example.com."),
                        tuple(Type.CNAME, "alias.hosting.example."),
                        tuple(Type.A, "policy.hosting.example."));
        assertThat(send("mta-sts.example.com", Type.CNAME).getSection(Section.ANSWER))
                .singleElement()
                .isInstanceOf(CNAMERecord.class);
    }

    @Test
    void danglingCnameIsReturnedWithNxdomain() throws IOException {
        dns.cname("_mta-sts.example.com", "_mta-sts.gone.example");

        Message response = send("_mta-sts.example.com", Type.TXT);

        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(response.getSection(Section.ANSWER)).singleElement().satisfies(record -> assertThat(
                        ((CNAMERecord) record).getTarget().toString())
                .isEqualTo("_mta-sts.gone.example."));
    }

    @Test
    void cnameLoopEnds() throws IOException {
        dns.cname("a.example", "b.example").cname("b.example", "a.example");

        Message response = send("a.example", Type.TXT);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).hasSize(2);
    }

    @Test
    void cnameCannotShareItsName() {
        dns.txt("a.example", "text");
        dns.cname("b.example", "c.example");

        assertThatThrownBy(() -> dns.cname("a.example", "c.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.txt("b.example", "text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.cname("b.example", "d.example")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> dns.a("host.example", "::1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.aaaa("host.example", "127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.txt("host.example", List.of("x".repeat(256))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.drop("host.example", "NOTATYPE")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncatedUdpAnswerHasNoRecordsAndTcpAnswersFully() throws IOException {
        dns.txt("_mta-sts.example.com", "v=STSv1; id=1").truncate("_mta-sts.example.com", "TXT");

        SimpleResolver ignoringTruncation = resolver();
        ignoringTruncation.setIgnoreTruncation(true);
        Message truncated = ignoringTruncation.send(query("_mta-sts.example.com", Type.TXT));
        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(truncated.getSection(Section.ANSWER)).isEmpty();

        dns.clearQueries();
        Message retried = send("_mta-sts.example.com", Type.TXT);
        assertThat(retried.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(retried.getSection(Section.ANSWER)).hasSize(1);
        assertThat(dns.queries())
                .containsExactly(
                        new Query("_mta-sts.example.com", "TXT", Transport.UDP),
                        new Query("_mta-sts.example.com", "TXT", Transport.TCP));
    }

    @Test
    void servfailAnswersOnlyThatNameAndType() throws IOException {
        dns.txt("_mta-sts.example.com", "v=STSv1; id=1")
                .mx("_mta-sts.example.com", 10, "mx.example")
                .servfail("_mta-sts.example.com", "TXT");

        assertThat(send("_mta-sts.example.com", Type.TXT).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(send("_mta-sts.example.com", Type.MX).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void droppedQueryIsLoggedButNeverAnswered() {
        dns.txt("_mta-sts.example.com", "v=STSv1; id=1").drop("_mta-sts.example.com", "TXT");
        SimpleResolver resolver = resolver();
        resolver.setTimeout(Duration.ofMillis(500));

        assertThatThrownBy(() -> resolver.send(query("_mta-sts.example.com", Type.TXT)))
                .isInstanceOf(IOException.class);
        assertThat(dns.queryCount("_mta-sts.example.com", "TXT")).isEqualTo(1);
    }

    @Test
    void delayedAnswersAreHandledConcurrentlyOverUdp() {
        assertConcurrent(resolver());
    }

    @Test
    void delayedAnswersAreHandledConcurrentlyOverTcp() {
        SimpleResolver resolver = resolver();
        resolver.setTCP(true);
        assertConcurrent(resolver);
        assertThat(dns.queries()).extracting(Query::transport).containsOnly(Transport.TCP);
    }

    @Test
    void delayPerNameAppliesOnlyThere() {
        dns.txt("slow.example", "slow").txt("fast.example", "fast").delay("slow.example", "TXT", Duration.ofSeconds(5));
        SimpleResolver resolver = resolver();

        CompletableFuture<Message> slow =
                resolver.sendAsync(query("slow.example", Type.TXT)).toCompletableFuture();
        Message fast = resolver.sendAsync(query("fast.example", Type.TXT))
                .toCompletableFuture()
                .join();

        assertThat(fast.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(slow).isNotDone();
    }

    @Test
    void countsQueriesPerNameAndType() throws IOException {
        dns.txt("_mta-sts.example.com", "v=STSv1; id=1").mx("example.com", 10, "mx.example.com");

        send("_mta-sts.example.com", Type.TXT);
        send("_MTA-STS.example.com", Type.TXT);
        send("example.com", Type.MX);
        send("nowhere.example", Type.A);

        assertThat(dns.queryCount("_mta-sts.example.com", "TXT")).isEqualTo(2);
        assertThat(dns.queryCount("_mta-sts.example.com.", "txt")).isEqualTo(2);
        assertThat(dns.queryCount("example.com", "MX")).isEqualTo(1);
        assertThat(dns.queryCount("example.com", "TXT")).isZero();
        assertThat(dns.queries())
                .containsExactly(
                        new Query("_mta-sts.example.com", "TXT", Transport.UDP),
                        new Query("_mta-sts.example.com", "TXT", Transport.UDP),
                        new Query("example.com", "MX", Transport.UDP),
                        new Query("nowhere.example", "A", Transport.UDP));

        dns.clearQueries();
        assertThat(dns.queries()).isEmpty();
    }

    private void assertConcurrent(SimpleResolver resolver) {
        Duration delay = Duration.ofMillis(400);
        int parallel = 10;
        dns.delay(delay);
        List<CompletableFuture<Message>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int index = 0; index < parallel; index++) {
            dns.txt("host" + index + ".example", "answer " + index);
            answers.add(resolver.sendAsync(query("host" + index + ".example", Type.TXT))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        for (int index = 0; index < parallel; index++) {
            assertThat(((TXTRecord) answers.get(index)
                                    .join()
                                    .getSection(Section.ANSWER)
                                    .getFirst())
                            .getStrings())
                    .containsExactly("answer " + index);
        }
        assertThat(elapsed)
                .isGreaterThanOrEqualTo(delay)
                .isLessThan(delay.multipliedBy(parallel).dividedBy(2));
        assertThat(dns.queries()).hasSize(parallel);
    }

    private SimpleResolver resolver() {
        SimpleResolver resolver = new SimpleResolver(dns.address());
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }

    private Message send(String name, int type) throws IOException {
        return resolver().send(query(name, type));
    }

    private static Message query(String name, int type) {
        try {
            return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        } catch (IOException exception) {
            throw new IllegalArgumentException(exception);
        }
    }
}
