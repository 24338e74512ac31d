package dev.mtasts.tlsrpt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** The hand-written reports in src/test/resources/reports, and hostile ones built on the fly. */
final class Reports {
    private Reports() {}

    static byte[] resource(String name) {
        try (InputStream in = Reports.class.getResourceAsStream("/reports/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /reports/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A gzip bomb: {@code mebibytes} MiB of spaces after a JSON object's opening brace, a few KiB compressed. */
    static byte[] bomb(int mebibytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write('{');
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < mebibytes; i++) {
                gzip.write(spaces);
            }
            gzip.write('}');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A minimal valid report, with {@code extra} spliced in as further top-level members. */
    static String report(String organization, String reportId, String day, String domain, String policyExtra) {
        return """
                {"organization-name": "%s", "report-id": "%s",
                 "date-range": {"start-datetime": "%sT00:00:00Z", "end-datetime": "%sT23:59:59Z"},
                 "policies": [{"policy": {"policy-type": "sts", "policy-domain": "%s",
                               "mx-host": ["mx1.example.com", "mx2.example.com"]},
                               "summary": {"total-successful-session-count": 100, "total-failure-session-count": 0}
                               %s}]}
                """.formatted(organization, reportId, day, day, domain, policyExtra);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
