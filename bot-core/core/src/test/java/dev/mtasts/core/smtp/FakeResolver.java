package dev.mtasts.core.smtp;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;

/** A dnsjava {@link Resolver} that answers every query from a function, at once: for DNSSEC flags no fixture sets. */
final class FakeResolver implements Resolver {
    private final Function<Message, Message> answer;
    private final AtomicInteger queries = new AtomicInteger();

    FakeResolver(Function<Message, Message> answer) {
        this.answer = requireNonNull(answer, "answer is null");
    }

    /** Answers NXDOMAIN to everything. */
    static FakeResolver nxdomain() {
        return new FakeResolver(query -> {
            Message response = new Message(query.getHeader().getID());
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            response.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
            return response;
        });
    }

    /** A TLSA lookup that finds nothing, at once. */
    static TlsaLookup noTlsa() {
        return new TlsaLookup(nxdomain());
    }

    int queries() {
        return queries.get();
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        queries.incrementAndGet();
        return CompletableFuture.completedFuture(answer.apply(query));
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        return sendAsync(query);
    }

    @Override
    public void setPort(int port) {}

    @Override
    public void setTCP(boolean flag) {}

    @Override
    public void setIgnoreTruncation(boolean flag) {}

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

    @Override
    public void setTSIGKey(TSIG key) {}

    @Override
    public void setTimeout(Duration timeout) {}
}
