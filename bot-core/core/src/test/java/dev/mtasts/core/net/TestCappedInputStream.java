package dev.mtasts.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class TestCappedInputStream {
    private static InputStream bytes(int count) {
        return new ByteArrayInputStream(new byte[count]);
    }

    private static CappedInputStream capped(InputStream in, long limit) {
        return new CappedInputStream(in, limit, max -> new IOException("body over " + max + " bytes"));
    }

    @Test
    void aBodyUpToTheLimitReadsWholeAndIsCounted() throws IOException {
        CappedInputStream in = capped(bytes(1024), 1024);

        assertThat(in.readAllBytes()).hasSize(1024);
        assertThat(in.count()).isEqualTo(1024);
    }

    @Test
    void oneByteOverTheLimitFailsWithTheCallersException() {
        CappedInputStream in = capped(bytes(1025), 1024);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessage("body over 1024 bytes");
    }

    @Test
    void singleByteReadsAndSkipsCountToo() throws IOException {
        CappedInputStream in = capped(bytes(10), 5);

        assertThat(in.read()).isZero();
        assertThat(in.skip(4)).isEqualTo(4);
        assertThat(in.count()).isEqualTo(5);
        assertThatThrownBy(in::read).hasMessage("body over 5 bytes");
        assertThat(in.markSupported()).isFalse();
    }
}
