package dev.mtasts.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.tlsrpt.MailReports.Attachment;
import dev.mtasts.tlsrpt.ParseResult.Parsed;
import dev.mtasts.tlsrpt.ParseResult.Rejected;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestMailReports {
    private final MailReports mail = new MailReports(new ReportParser(ReportLimits.defaults()));

    @Test
    void readsTheGzipAttachmentOfAMultipartReport() {
        List<Attachment> attachments =
                mail.read(new ByteArrayInputStream(Reports.resource("mail-org.eml")), "mail-org.eml");

        assertThat(attachments).hasSize(1);
        assertThat(attachments.getFirst().name())
                .isEqualTo("mail-org.eml (mail.example!example.com!1795478400!1795564799!mail-org-7.json.gz)");
        TlsRptReport report = ((Parsed) attachments.getFirst().result()).report();
        assertThat(report.organization()).isEqualTo("Mail Org");
        assertThat(report.reportId()).isEqualTo("<mail-org-7@mail.example>");
        assertThat(report.policies().getFirst().policyDomain()).isEqualTo("example.com"); // TLS-Report-Domain
        assertThat(report.policies().getFirst().failures().getFirst().resultType())
                .isEqualTo("certificate-host-mismatch");
    }

    @Test
    void theHeaderDomainOrElseTheAttachmentNameFillsAMissingPolicyDomain() {
        String json = new String(Reports.resource("deviations.json"), StandardCharsets.UTF_8);
        String message = message("", "application/tlsrpt+json", "big.example!example.org!1!2.json", json.getBytes());

        Attachment attachment =
                mail.read(new ByteArrayInputStream(message.getBytes()), "m.eml").getFirst();

        assertThat(((Parsed) attachment.result()).report().policies().getFirst().policyDomain())
                .isEqualTo("example.org");
    }

    @Test
    void aMessageWithoutAReportSaysSo() {
        String message = "From: a@b.example\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nhello\r\n";

        List<Attachment> attachments = mail.read(new ByteArrayInputStream(message.getBytes()), "hello.eml");

        assertThat(attachments).hasSize(1);
        assertThat(((Rejected) attachments.getFirst().result()).line())
                .isEqualTo("no TLS-RPT report attached to the message");
    }

    @Test
    void aBombInAnAttachmentIsRejected() {
        String message = message(
                "TLS-Report-Domain: example.com\r\n", "application/tlsrpt+gzip", "bomb.json.gz", Reports.bomb(50));

        Attachment attachment = mail.read(new ByteArrayInputStream(message.getBytes()), "bomb.eml")
                .getFirst();

        assertThat(((Rejected) attachment.result()).reason()).isEqualTo(Rejection.COMPRESSION_RATIO);
    }

    @Test
    void anAttachmentNameCannotReachATerminalOrLogAsControlCharacters() {
        String message = message(
                        "TLS-Report-Domain: example.com\r\n",
                        "application/tlsrpt+json",
                        "x",
                        Reports.resource("rfc-example.json"))
                .replace("filename=\"x\"", "filename*=utf-8''evil%1B%5B2J%0Aline.json");

        Attachment attachment =
                mail.read(new ByteArrayInputStream(message.getBytes()), "m.eml").getFirst();

        assertThat(attachment.result()).isInstanceOf(Parsed.class);
        assertThat(attachment.name()).isEqualTo("m.eml (evil?[2J?line.json)");
    }

    static String message(String headers, String type, String fileName, byte[] body) {
        return "From: reports@sender.example\r\n" + headers + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nA report.\r\n"
                + "--b1\r\nContent-Type: " + type + "\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(body) + "\r\n--b1--\r\n";
    }
}
