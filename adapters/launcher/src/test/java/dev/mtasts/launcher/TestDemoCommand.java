package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mtasts demo}: six reports from the simulated internet, each showing its failure. */
class TestDemoCommand {
    @Test
    void printsSixReportsOneHealthyAndOnePerCommonFailure() {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new DemoCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(new StringWriter()));
        int exit = command.execute();
        String text = out.toString();
        System.out.println(text);
        assertThat(exit).isZero();
        for (String domain : DemoCommand.DOMAINS) {
            assertThat(text).contains("MTA-STS report for " + domain);
        }
        String[] reports = text.split("MTA-STS report for ");
        assertThat(reports).hasSize(7);
        assertThat(reports[1])
                .startsWith("healthy.demo.example")
                .doesNotContain("\nWARN ")
                .doesNotContain("\nFAIL ");
        assertThat(reports[2]).startsWith("changed-policy.demo.example  FAIL").contains("FAIL Policy id in step");
        assertThat(reports[3]).startsWith("wrong-cert.demo.example  FAIL").contains("FAIL MTA-STS policy fetch");
        assertThat(reports[4]).startsWith("uncovered-mx.demo.example  FAIL").contains("FAIL MX hosts vs policy");
        assertThat(reports[5])
                .startsWith("testing.demo.example  WARN")
                .contains("(stuck-in-testing)")
                .contains("Stuck in testing: the policy has been in mode testing for more than 6 months")
                .contains("change \"mode: testing\" to \"mode: enforce\"");
        assertThat(reports[6]).startsWith("no-tlsrpt.demo.example  WARN").contains("WARN TLS-RPT record");
    }
}
