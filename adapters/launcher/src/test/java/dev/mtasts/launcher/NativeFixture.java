package dev.mtasts.launcher;

import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.ServerCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The benchmark's policy hosts on nginx and its DNS on unbound, as issue #13 measured them: one ECDSA P-256
 * certificate per policy host {@code mta-sts.dN.bench.example} issued by the test authority, one nginx server block
 * per host (all on one loopback port, chosen by SNI), and an unbound serving static local zones with every record the
 * benchmark publishes (NXDOMAIN / NODATA for everything else, answered at once). Both run as child processes from a
 * temporary directory (configuration, certificates, logs) and are stopped on {@link #close()}; the directory stays for
 * inspection.
 */
final class NativeFixture implements AutoCloseable {
    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final Path UNBOUND = Path.of("/usr/sbin/unbound");
    static final Path UNBOUND_CONTROL = Path.of("/usr/sbin/unbound-control");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path directory;
    private final List<Process> processes = new ArrayList<>();
    private int dnsPort;
    private int httpsPort;
    private int statusPort;
    private int statusReads;

    private NativeFixture(Path directory) {
        this.directory = directory;
    }

    /** Empty when both are installed, else why not (one line). */
    static Optional<String> whyNot() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(NGINX)) {
            missing.add("nginx");
        }
        if (!Files.isExecutable(UNBOUND)) {
            missing.add("unbound");
        }
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of(String.join(" and ", missing) + " not installed (apt-get install nginx-light unbound)");
    }

    /**
     * Writes the configuration for {@code domains} domains {@code dN.bench.example} (MX {@code mx(N % 2)
     * .provider.example}), starts nginx and unbound, and returns once both answer.
     */
    static NativeFixture start(Path directory, CertificateAuthority ca, int domains, String policy, String txtId)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        NativeFixture fixture = new NativeFixture(directory);
        // also on Ctrl-C: nginx and unbound do not outlive the benchmark
        Runtime.getRuntime().addShutdownHook(new Thread(fixture::close));
        try {
            fixture.dnsPort = freePort();
            fixture.httpsPort = freePort();
            fixture.statusPort = freePort();
            fixture.writeCertificates(ca, domains);
            Files.writeString(directory.resolve("nginx.conf"), fixture.nginxConf(domains, policy));
            Files.writeString(directory.resolve("unbound.conf"), fixture.unboundConf(domains, txtId));
            fixture.launch(
                    "nginx",
                    NGINX.toString(),
                    "-p",
                    directory + "/",
                    "-e",
                    directory.resolve("nginx-error.log").toString(),
                    "-c",
                    directory.resolve("nginx.conf").toString(),
                    "-g",
                    "daemon off;");
            fixture.launch(
                    "unbound",
                    UNBOUND.toString(),
                    "-d",
                    "-c",
                    directory.resolve("unbound.conf").toString());
            fixture.awaitReady(ca, "mta-sts.d0.bench.example");
            return fixture;
        } catch (IOException | InterruptedException | RuntimeException e) {
            fixture.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT} of unbound, for {@code --resolver}. */
    String dnsHostAndPort() {
        return "127.0.0.1:" + dnsPort;
    }

    InetSocketAddress dnsAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), dnsPort);
    }

    /** nginx's TLS listener, every policy host on it. */
    InetSocketAddress httpsAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), httpsPort);
    }

    Path directory() {
        return directory;
    }

    /** unbound's query count so far (unbound-control; -1 when it cannot be read). */
    long dnsQueries() {
        Matcher matcher = Pattern.compile("(?m)^total\\.num\\.queries=(\\d+)$")
                .matcher(run(
                        UNBOUND_CONTROL.toString(),
                        "-c",
                        directory.resolve("unbound.conf").toString(),
                        "stats_noreset"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** nginx's request count so far (stub_status on a second loopback port; -1 when it cannot be read). */
    synchronized long httpsRequests() {
        try (var socket = new java.net.Socket(InetAddress.getLoopbackAddress(), statusPort)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /status HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            Matcher matcher = Pattern.compile("\\n\\s*\\d+\\s+\\d+\\s+(\\d+)").matcher(text);
            // every status request so far, this one included, counts too
            statusReads++;
            return matcher.find() ? Long.parseLong(matcher.group(1)) - statusReads : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Versions, for the line that says which fixture served the figures. */
    static String versions() {
        String nginx = run(NGINX.toString(), "-v").strip().replace("nginx version: ", "");
        String unbound =
                run(UNBOUND.toString(), "-V").lines().findFirst().orElse("").strip();
        return nginx + ", unbound " + unbound.replace("Version ", "");
    }

    private void writeCertificates(CertificateAuthority ca, int domains) throws IOException, InterruptedException {
        Path certificates = Files.createDirectories(directory.resolve("certs"));
        // issuing 10,000 P-256 certificates takes a while on one core: both cores
        try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
            List<Future<?>> done = new ArrayList<>();
            for (int index = 0; index < domains; index++) {
                String host = host(index);
                done.add(executor.submit(() -> {
                    ServerCertificate certificate = ca.issue(host);
                    Files.writeString(certificates.resolve(host + ".crt"), certificate.pem());
                    Files.writeString(
                            certificates.resolve(host + ".key"),
                            "-----BEGIN PRIVATE KEY-----\n"
                                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                            .encodeToString(
                                                    certificate.privateKey().getEncoded())
                                    + "\n-----END PRIVATE KEY-----\n");
                    return null;
                }));
            }
            for (Future<?> future : done) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("cannot write a certificate: " + e.getCause(), e.getCause());
                }
            }
        }
    }

    private String nginxConf(int domains, String policy) {
        boolean root = "root".equals(System.getProperty("user.name"));
        StringBuilder conf = new StringBuilder();
        conf.append("# written by the benchmark (NativeFixture)\n");
        if (root) {
            conf.append("user root;\n");
        }
        conf.append("worker_processes 2;\n")
                .append("pid ")
                .append(directory.resolve("nginx.pid"))
                .append(";\n")
                .append("error_log ")
                .append(directory.resolve("nginx-error.log"))
                .append(" warn;\n")
                .append("events { worker_connections 4096; }\n")
                .append("http {\n")
                .append("    access_log off;\n")
                .append("    server_names_hash_max_size 65536;\n")
                .append("    server_names_hash_bucket_size 128;\n");
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            conf.append("    ")
                    .append(temp)
                    .append("_temp_path ")
                    .append(directory.resolve("tmp-" + temp))
                    .append(";\n");
        }
        String body = policy.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        conf.append("    server {\n        listen 127.0.0.1:")
                .append(statusPort)
                .append(";\n        location = /status { stub_status; }\n    }\n");
        Path certificates = directory.resolve("certs");
        for (int index = 0; index < domains; index++) {
            String host = host(index);
            conf.append("    server {\n        listen 127.0.0.1:")
                    .append(httpsPort)
                    .append(" ssl")
                    .append(index == 0 ? " default_server" : "")
                    .append(";\n        server_name ")
                    .append(host)
                    .append(";\n        ssl_certificate ")
                    .append(certificates.resolve(host + ".crt"))
                    .append(";\n        ssl_certificate_key ")
                    .append(certificates.resolve(host + ".key"))
                    .append(";\n        location = ")
                    .append(HttpsFixture.POLICY_PATH)
                    .append(" { default_type text/plain; return 200 \"")
                    .append(body)
                    .append("\"; }\n    }\n");
        }
        return conf.append("}\n").toString();
    }

    private String unboundConf(int domains, String txtId) {
        StringBuilder conf = new StringBuilder();
        conf.append("# written by the benchmark (NativeFixture)\nserver:\n")
                .append("    interface: 127.0.0.1@")
                .append(dnsPort)
                .append("\n")
                .append("    port: ")
                .append(dnsPort)
                .append("\n")
                .append("    do-ip6: no\n")
                .append("    access-control: 127.0.0.0/8 allow\n")
                .append("    chroot: \"\"\n")
                .append("    username: \"\"\n")
                .append("    directory: \"")
                .append(directory)
                .append("\"\n")
                .append("    pidfile: \"")
                .append(directory.resolve("unbound.pid"))
                .append("\"\n")
                .append("    use-syslog: no\n")
                .append("    logfile: \"")
                .append(directory.resolve("unbound.log"))
                .append("\"\n")
                .append("    verbosity: 1\n")
                .append("    num-threads: 2\n")
                .append("    so-reuseport: yes\n")
                .append("    module-config: \"iterator\"\n")
                .append("    do-not-query-localhost: no\n")
                // everything outside the published data is answered at once (NXDOMAIN / NODATA), never recursed
                .append("    local-zone: \".\" static\n")
                .append("    local-zone: \"bench.example.\" static\n")
                .append("    local-zone: \"provider.example.\" static\n");
        for (int group = 0; group < 2; group++) {
            conf.append("    local-data: \"mx").append(group).append(".provider.example. 300 IN A 127.0.0.1\"\n");
        }
        for (int index = 0; index < domains; index++) {
            String domain = "d" + index + ".bench.example.";
            conf.append("    local-data: '_mta-sts.")
                    .append(domain)
                    .append(" 300 IN TXT \"v=STSv1; id=")
                    .append(txtId)
                    .append("\"'\n")
                    .append("    local-data: '_smtp._tls.")
                    .append(domain)
                    .append(" 300 IN TXT \"v=TLSRPTv1; rua=mailto:tls@")
                    .append(domain, 0, domain.length() - 1)
                    .append("\"'\n")
                    .append("    local-data: \"")
                    .append(domain)
                    .append(" 300 IN MX 10 mx")
                    .append(index % 2)
                    .append(".provider.example.\"\n")
                    .append("    local-data: \"mta-sts.")
                    .append(domain)
                    .append(" 300 IN A 127.0.0.1\"\n");
        }
        conf.append("remote-control:\n")
                .append("    control-enable: yes\n")
                .append("    control-use-cert: no\n")
                .append("    control-interface: \"")
                .append(directory.resolve("unbound.ctl"))
                .append("\"\n");
        return conf.toString();
    }

    private void launch(String name, String... command) throws IOException {
        processes.add(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".out").toFile())
                .start());
    }

    /** Waits until unbound answers an A query and nginx serves the policy over validated TLS. */
    private void awaitReady(CertificateAuthority ca, String host) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastError = "";
        boolean dns = false;
        boolean https = false;
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IOException(process.info().command().orElse("a fixture server") + " exited with "
                            + process.exitValue() + "; see " + directory);
                }
            }
            try {
                dns = dns || resolves(host);
                https = https || fetches(ca.clientContext(), host);
                if (dns && https) {
                    return;
                }
            } catch (IOException e) {
                lastError = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IOException("nginx/unbound did not answer within " + START_TIMEOUT.toSeconds() + " s (dns " + dns
                + ", https " + https + ", " + lastError + "); see " + directory);
    }

    /** One A query over UDP; true on NOERROR with at least one answer. */
    private boolean resolves(String host) throws IOException {
        ByteArrayOutputStream query = new ByteArrayOutputStream();
        query.writeBytes(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : host.split("\\.")) {
            query.write(label.length());
            query.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        query.writeBytes(new byte[] {0, 0, 1, 0, 1});
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(500);
            byte[] bytes = query.toByteArray();
            socket.send(new DatagramPacket(bytes, bytes.length, dnsAddress()));
            byte[] answer = new byte[512];
            DatagramPacket packet = new DatagramPacket(answer, answer.length);
            socket.receive(packet);
            return packet.getLength() >= 12 && (answer[3] & 0x0f) == 0 && (answer[6] != 0 || answer[7] != 0);
        }
    }

    private boolean fetches(SSLContext context, String host) throws IOException {
        String response = Benchmark.rawGet(
                context, new InetSocketAddress(InetAddress.getLoopbackAddress(), httpsPort), host, 2000);
        return response.startsWith("HTTP/1.1 200") && response.contains("STSv1");
    }

    /** Stops both servers (TERM, then KILL after 10 s); the directory is left in place. */
    @Override
    public synchronized void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
    }

    static String host(int index) {
        return "mta-sts.d" + index + ".bench.example";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
