package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.chiso.DatabaseTest;
import vn.chiso.Fixtures;
import vn.chiso.ingest.IngestService;

/**
 * A person in a browser: Debian's headless Chromium, driven through Selenium against the running
 * server — sign in with a demo user, read the dashboard, upload an export, see its run, request a unit's
 * report and download its PDF. Skipped, with the reason, where chromium and chromium-driver are not
 * installed ({@code .ci/run} installs them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest extends DatabaseTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("chiso.test.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chiso.test.chromedriver", "/usr/bin/chromedriver"));

    private static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IngestService ingest;

    @BeforeAll
    static void chromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "browser test skipped: no " + CHROMIUM + " or " + DRIVER + " (apt-get install chromium chromium-driver; .ci/run does)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOfficerSignsInReadsTheDashboardUploadsAnExportRequestsAReportAndDownloadsIt() throws Exception {
        // given the example province, except its feedback
        Fixtures.clean(jdbc);
        jdbc.execute("TRUNCATE computation, upload, schedule_run CASCADE");
        Path data = Files.createTempDirectory("chiso-browser");
        for (String name : new String[] {"agencies.csv", "procedures.csv", "holidays.csv", "dossiers_so_nganh.csv", "dossiers_thixa_ngam.csv"}) {
            Fixtures.copy("examples/province-small/data/" + name, data);
        }
        ingest.ingest(java.util.List.of(data), line -> { });
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        // when a signed-out person opens the dashboard, they get the login page
        browser.get(url("/?window=2024-Q1"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys("canbo");
        browser.findElement(By.id("password")).sendKeys("canbo-demo");
        browser.findElement(By.id("login")).click();

        // then the dashboard lists the units with their rates
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
        String dashboard = browser.findElement(By.id("dashboard")).getText();
        assertThat(dashboard).contains("Sở Tư pháp").contains("UBND thị xã Ngã Năm").contains("Đúng hạn").contains("%");
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth")).intValue())
                .as("no horizontal scrolling on a laptop").isLessThanOrEqualTo(0);
        screenshot("dashboard");

        // when they upload the feedback export
        browser.findElement(By.linkText("Tải lên")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("file")));
        browser.findElement(By.id("file")).sendKeys(Fixtures.resource("examples/province-small/data/feedback.csv").toString());
        browser.findElement(By.id("send")).click();

        // then the runs page shows its run, which ends stored
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("runs")));
        assertThat(browser.findElement(By.className("notice")).getText()).contains("feedback.csv");
        By feedbackRow = By.xpath("//table[@id='runs']//tr[td[@class='file' and text()='feedback.csv']]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath("//table[@id='runs']//tr[td[@class='file' and text()='feedback.csv']]/td[contains(@class,'status')]"), "STORED"));
        assertThat(browser.findElement(feedbackRow).getText()).contains("STORED");
        screenshot("runs");

        // and a unit page shows its indicators and trend
        browser.get(url("/units/STP?window=2024-Q1"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rates")));
        assertThat(browser.findElement(By.id("rates")).getText()).contains("Tỷ lệ hồ sơ giải quyết đúng hạn");
        assertThat(browser.findElement(By.id("trend")).getText()).contains("2024-Q1");
        screenshot("unit");

        // when they request STP's quarter report as a PDF on the reports page
        browser.findElement(By.linkText("Báo cáo")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("request")));
        new Select(browser.findElement(By.id("request-window"))).selectByValue("2024-Q1");
        new Select(browser.findElement(By.id("request-org"))).selectByValue("STP");
        new Select(browser.findElement(By.id("request-format"))).selectByValue("pdf");
        browser.findElement(By.id("request-send")).click();

        // then its row appears, and turns into a download once rendered (the page follows it by itself)
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reports")));
        assertThat(browser.findElement(By.className("notice")).getText()).contains("chiso-2024-Q1-STP-v1.pdf");
        WebDriverWait rendering = new WebDriverWait(browser, Duration.ofSeconds(180));
        WebElement download = rendering.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//table[@id='reports']//a[@class='download' and contains(text(), 'chiso-2024-Q1-STP-v1.pdf')]")));
        assertThat(browser.findElement(By.id("reports")).getText()).contains("Sở Tư pháp").contains("Hoàn thành");
        assertThat(((Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth")).intValue())
                .as("no horizontal scrolling on a laptop").isLessThanOrEqualTo(0);
        screenshot("reports");

        // and the file the link gives, fetched with the browser's own session, is STP's PDF
        String href = download.getAttribute("href");
        String base64 = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'})
                  .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.arrayBuffer(); })
                  .then(function (b) { var s = ''; new Uint8Array(b).forEach(function (c) { s += String.fromCharCode(c); }); done(btoa(s)); })
                  .catch(function (e) { done('failed: ' + e); });""", href);
        byte[] pdf = java.util.Base64.getDecoder().decode(base64);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Đơn vị: Sở Tư pháp (mã STP)");
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Kept in target/ for a person to look at. */
    private void screenshot(String name) throws Exception {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name + ".png"), png);
    }
}
