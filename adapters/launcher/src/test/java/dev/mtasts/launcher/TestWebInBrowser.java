package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.mtasts.core.CheckPlugins;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web page in headless Chromium: live progress, rendered findings, hostile text inert, permalink and badge. */
class TestWebInBrowser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private BotHttpServer server;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "skipped: /usr/bin/chromium or /usr/bin/chromedriver is absent (apt-get install chromium"
                        + " chromium-driver; .ci/run does it)");
        Injector injector = Guice.createInjector(
                Stage.PRODUCTION,
                new EngineModule(EngineSettings.defaults().withResolvers(List.of("127.0.0.1:9"))),
                CheckPlugins.of(new TestWebEndToEnd.HostilePlugin()),
                EngineModule.meters(WebFrontEnds.registry()));
        BotConfig.Http http = new BotConfig.Http(0, "127.0.0.1");
        server = new BotHttpServer(http, WebFrontEnds.routes(injector, http), List.of());
        server.start();
        Path profile = Files.createTempDirectory("mtasts-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aPersonChecksADomainSeesProgressThenTheReportAndHostileTextStaysInert() throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        browser.get(base + "/");
        assertThat(browser.getPageSource()).contains("Type your domain; a URL or an e-mail address is fine");
        browser.findElement(By.id("domain")).sendKeys("https://example.com/");
        browser.findElement(By.cssSelector("#check button")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        WebElement report = wait.until(driver ->
                driver.findElements(By.id("report")).stream().findFirst().orElse(null));
        assertThat(browser.findElements(By.cssSelector("#progress li"))).isNotEmpty();
        assertThat(browser.findElement(By.id("progress")).getText()).contains("TLS-RPT record");
        assertThat(report.getText())
                .contains("MTA-STS report for example.com")
                .contains("The TLS-RPT record has no rua=")
                .contains("<script>alert(1)</script>");
        // The hostile evidence is text, never markup: no injected element, no script ran.
        assertThat(browser.findElements(By.cssSelector("#live img"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#live a[href^='javascript']")))
                .isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        Files.write(
                screenshots.resolve("web-report.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        browser.get(base + "/report/example.com");
        assertThat(browser.getTitle()).contains("example.com");
        browser.get(base + "/badge/example.com.svg");
        assertThat(browser.getPageSource()).contains("MTA-STS");
    }
}
