package dev.mtasts.tlsrpt;

import dev.mtasts.core.net.CappedInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a report body, gzip or not (sniffed from the magic bytes, whatever the media type or file name says), counting
 * every byte as it goes: the compressed input against the size limit, and the inflated output against the size and
 * ratio limits. Stops at the first limit passed, so a gzip bomb costs at most the limit.
 */
final class BoundedInput {
    private BoundedInput() {}

    /** The decompressed body; throws {@link LimitExceeded} past a limit, {@link ZipException} for a broken gzip. */
    static byte[] read(InputStream raw, ReportLimits limits) throws IOException {
        CappedInputStream compressed = capped(raw, limits.maxBytes());
        BufferedInputStream buffered = new BufferedInputStream(compressed, 8192);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        InputStream body = buffered;
        if (first == 0x1f && second == 0x8b) {
            body = new Inflated(new GZIPInputStream(buffered, 8192), compressed, limits);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.transferTo(out);
        return out.toByteArray();
    }

    /** {@code in}, failing with {@link LimitExceeded} ({@link Rejection#TOO_LARGE}) past {@code limit} bytes. */
    static CappedInputStream capped(InputStream in, long limit) {
        return new CappedInputStream(
                in, limit, max -> new LimitExceeded(Rejection.TOO_LARGE, "more than " + max + " bytes"));
    }

    /** The inflated side of a gzip body: checks size and ratio after every read. */
    private static final class Inflated extends FilterInputStream {
        private final CappedInputStream compressed;
        private final ReportLimits limits;
        private long inflated;

        Inflated(InputStream in, CappedInputStream compressed, ReportLimits limits) {
            super(in);
            this.compressed = compressed;
            this.limits = limits;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                inflated += n;
                if (inflated > limits.maxBytes()) {
                    throw new LimitExceeded(
                            Rejection.TOO_LARGE, "inflates to more than " + limits.maxBytes() + " bytes");
                }
                if (inflated > ReportLimits.RATIO_FLOOR_BYTES
                        && inflated > (long) limits.maxCompressionRatio() * Math.max(1, compressed.count())) {
                    throw new LimitExceeded(
                            Rejection.COMPRESSION_RATIO,
                            compressed.count() + " bytes inflate to more than " + inflated + " (over "
                                    + limits.maxCompressionRatio() + ":1)");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported");
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
