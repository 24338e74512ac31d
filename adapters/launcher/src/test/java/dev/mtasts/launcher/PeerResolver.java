package dev.mtasts.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code postfix-mta-sts-resolver} (TXT lookup and policy fetch only) driven over the benchmark's fixture by
 * a small Python script that points its DNS and HTTPS at the given loopback servers (the in-process fixture or
 * nginx and unbound); used only when it is installed.
 */
final class PeerResolver {
    private static final Path PACKAGE = Path.of("/usr/lib/python3/dist-packages/postfix_mta_sts_resolver");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private PeerResolver() {}

    static boolean available() {
        return Files.isDirectory(PACKAGE) && Files.isExecutable(PYTHON);
    }

    static String whyNot() {
        return "not installed; apt-get install postfix-mta-sts-resolver";
    }

    /** Domains per second, TXT + policy, at {@code concurrency}. */
    static double rate(
            InetSocketAddress dns, InetSocketAddress https, Path caFile, int domains, int concurrency, Path directory)
            throws IOException, InterruptedException {
        Path script = directory.resolve("peer-resolver.py");
        try (InputStream in = PeerResolver.class.getResourceAsStream("/benchmark/peer-resolver.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path file = Benchmark.writeDomains(directory.resolve("peer-domains.txt"), domains);
        Process process = new ProcessBuilder(
                        PYTHON.toString(),
                        script.toString(),
                        dns.getAddress().getHostAddress() + ":" + dns.getPort(),
                        https.getAddress().getHostAddress() + ":" + https.getPort(),
                        caFile.toString(),
                        file.toString(),
                        Integer.toString(concurrency))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher matcher =
                Pattern.compile("ok=(\\d+) failed=(\\d+) seconds=([0-9.]+)").matcher(output);
        if (!matcher.find()) {
            throw new IOException("postfix-mta-sts-resolver driver failed: " + output.strip());
        }
        if (!matcher.group(2).equals("0")) {
            System.out.println("postfix-mta-sts-resolver: " + matcher.group(2) + " of " + domains + " failed");
        }
        return Integer.parseInt(matcher.group(1)) / Double.parseDouble(matcher.group(3));
    }
}
