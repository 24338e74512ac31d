package dev.mtasts.core.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and fails with the caller's exception as soon as they pass a limit: a body that
 * announced no length (or lied about it) costs at most the limit. Used for request bodies of the HTTP front end and for
 * TLS-RPT reports, whatever carried them.
 */
public final class CappedInputStream extends FilterInputStream {
    /** Builds the exception for a body longer than {@code limit} bytes. */
    @FunctionalInterface
    public interface Overflow {
        IOException create(long limit);
    }

    private final long limit;
    private final Overflow overflow;
    private long count;

    public CappedInputStream(InputStream in, long limit, Overflow overflow) {
        super(in);
        this.limit = limit;
        this.overflow = overflow;
    }

    /** The bytes read (or skipped) so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    /** Marks would let a reader go back over bytes already counted. */
    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(long n) throws IOException {
        count += n;
        if (count > limit) {
            throw overflow.create(limit);
        }
    }
}
