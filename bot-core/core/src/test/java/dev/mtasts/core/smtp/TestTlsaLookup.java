package dev.mtasts.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.testing.DnsFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

final class TestTlsaLookup {
    @Test
    void asksForPort25WithTheDnssecOkBitAndReadsTheAuthenticatedDataBit() throws Exception {
        TLSARecord record = TestDaneVerifier.tlsa(3, 1, 1, new byte[32]);
        AtomicReference<Message> asked = new AtomicReference<>();
        FakeResolver resolver = new FakeResolver(query -> {
            asked.set(query);
            Message response = new Message(query.getHeader().getID());
            response.getHeader().setFlag(Flags.QR);
            response.getHeader().setFlag(Flags.AD);
            response.addRecord(query.getQuestion(), Section.QUESTION);
            response.addRecord(record, Section.ANSWER);
            return response;
        });

        TlsaAnswer answer = new TlsaLookup(resolver).lookup("mx1.example.com").join();

        assertThat(answer.kind()).isEqualTo(TlsaAnswer.Kind.FOUND);
        assertThat(answer.authenticated()).isTrue();
        assertThat(answer.records()).containsExactly(record);
        Message query = asked.get();
        assertThat(query.getQuestion().getName().toString()).isEqualTo("_25._tcp.mx1.example.com.");
        assertThat(query.getQuestion().getType()).isEqualTo(Type.TLSA);
        assertThat(query.getHeader().getFlag(Flags.AD)).isTrue();
        OPTRecord opt = query.getOPT();
        assertThat(opt).isNotNull();
        assertThat(opt.getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
    }

    @Test
    void aServerFailureIsAFailedLookup() {
        FakeResolver resolver = new FakeResolver(query -> {
            Message response = new Message(query.getHeader().getID());
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        });

        TlsaAnswer answer = new TlsaLookup(resolver).lookup("mx1.example.com").join();

        assertThat(answer.kind()).isEqualTo(TlsaAnswer.Kind.FAILED);
        assertThat(answer.detail()).isEqualTo("the TLSA lookup of _25._tcp.mx1.example.com failed (SERVFAIL)");
    }

    @Test
    void overTheWireRecordsWithoutValidationAreFoundButNotAuthenticated() throws Exception {
        try (DnsFixture dns = DnsFixture.start()) {
            TLSARecord record = TestDaneVerifier.tlsa(3, 1, 1, new byte[32]);
            dns.record(record);
            TlsaLookup lookup = TlsaLookup.forResolvers(List.of(dns.hostAndPort()), Duration.ofSeconds(3));

            TlsaAnswer found = lookup.lookup("mx1.example.com").join();
            TlsaAnswer none = lookup.lookup("mx2.example.com").join();

            assertThat(found.kind()).isEqualTo(TlsaAnswer.Kind.FOUND);
            assertThat(found.authenticated()).isFalse();
            assertThat(found.records()).singleElement().satisfies(answer -> assertThat(DaneVerifier.text(answer))
                    .isEqualTo("3 1 1 " + "00".repeat(32)));
            assertThat(none.kind()).isEqualTo(TlsaAnswer.Kind.NONE);
        }
    }
}
