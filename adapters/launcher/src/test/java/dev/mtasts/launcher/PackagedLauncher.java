package dev.mtasts.launcher;

import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged launcher ({@code target/mtasts.jar}, built by {@code package} before failsafe runs) as a separate
 * process, pointed at the in-process DNS, HTTPS and SMTP fixtures the way a CI pipeline or an operator would call it.
 */
final class PackagedLauncher {
    private PackagedLauncher() {}

    /**
     * A process builder for {@code mtasts SUBCOMMAND} with the flags that point it at the fixtures and keep its data in
     * {@code dataDir}, then {@code more}; standard input is empty.
     */
    static ProcessBuilder builder(
            String subcommand,
            DnsFixture dns,
            HttpsFixture https,
            SmtpFixture smtp,
            Path caFile,
            Path dataDir,
            List<String> more) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(System.getProperty("mtasts.jar"));
        command.add(subcommand);
        command.addAll(List.of(
                "--resolver", dns.hostAndPort(),
                "--ca-file", caFile.toString(),
                "--allow-address", "127.0.0.0/8",
                "--https-port", String.valueOf(https.port()),
                "--smtp-port", String.valueOf(smtp.port()),
                "--data-dir", dataDir.toString(),
                "--timeout", "20"));
        command.addAll(more);
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
}
