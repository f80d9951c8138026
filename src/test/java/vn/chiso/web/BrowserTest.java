package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
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
@Tag("slow") // a real Chromium against the server on a random port
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

    /** Each test starts signed out: the browser is shared. */
    @BeforeEach
    void signedOut() {
        browser.manage().deleteAllCookies();
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
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath("//table[@id='runs']//tr[td[@class='file' and text()='feedback.csv']]/td[contains(@class,'status')]"), "Đã lưu"));
        assertThat(browser.findElement(feedbackRow).getText()).contains("Đã lưu").doesNotContain("STORED");
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
                By.xpath("//*[@id='reports']//a[@class='download' and contains(text(), 'chiso-2024-Q1-STP-v1.pdf')]")));
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

    @Test
    void anOfficerSortsFiltersChartsAndExportsTheDashboardThenPagesAUnitsLateListAndZipsAWindowsReports() throws Exception {
        // given the example province, and STP's quarter report in two versions
        Fixtures.clean(jdbc);
        jdbc.execute("TRUNCATE computation, upload, schedule_run CASCADE");
        ingest.ingest(java.util.List.of(Fixtures.resource("examples/province-small/data")), line -> { });
        vn.chiso.calendar.ReportingWindow q1 = vn.chiso.calendar.ReportingWindow.parse("2024-Q1");
        reportService.generate(q1, "STP", vn.chiso.reports.ReportFormat.PDF, line -> { });
        reportService.generate(q1, "STP", vn.chiso.reports.ReportFormat.PDF, line -> { });
        reportService.generate(q1, "XLT", vn.chiso.reports.ReportFormat.PDF, line -> { });
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        signIn("canbo");

        // when they open the quarter's dashboard
        browser.get(url("/?window=2024-Q1"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trend-chart canvas")));

        // then it has points and ranks, and the trend chart is drawn by the library the app serves
        assertThat(browser.findElement(By.cssSelector("#dashboard thead")).getText()).contains("Điểm").contains("Xếp hạng");
        assertThat(browser.findElement(By.cssSelector("#dashboard tr[data-unit='XLT'] td.rank")).getText()).endsWith("/2");
        assertThat((String) js.executeScript("return Array.from(document.scripts).map(s => s.src).join(' ')"))
                .contains(url("/webjars/echarts/5.3.1/dist/echarts.min.js"));
        assertThat((Boolean) js.executeScript("return typeof echarts === 'object'")).isTrue();
        new Select(browser.findElement(By.id("trend-unit"))).selectByValue("STP");
        assertThat((String) js.executeScript("return echarts.getInstanceByDom(document.getElementById('trend-chart')).getOption().title[0].text"))
                .isEqualTo("Sở Tư pháp");
        assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).intValue())
                .as("no horizontal scrolling on a laptop").isLessThanOrEqualTo(0);
        screenshotWhole("dashboard-ranked");

        // when they sort by points, then by rank
        browser.findElement(By.cssSelector("#dashboard th[data-key='points']")).click();
        java.util.List<Double> points = numbers("#dashboard tbody td.points");
        assertThat(points).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        browser.findElement(By.cssSelector("#dashboard th[data-key='points']")).click();
        assertThat(numbers("#dashboard tbody td.points")).isSorted();
        browser.findElement(By.cssSelector("#dashboard th[data-key='rank']")).click();
        java.util.List<String> ranks = texts("#dashboard tbody td.rank");
        assertThat(ranks.subList(ranks.size() - 2, ranks.size())).as("units without rank last").containsOnly("–");
        assertThat(ranks.get(0)).startsWith("1/");
        screenshotWhole("dashboard-sorted");

        // then the export link gives the rows in that order, as a workbook POI reads
        java.util.List<String> shown = js.executeScript("return Array.from(document.querySelectorAll('#dashboard tbody tr')).map(r => r.dataset.unit)")
                instanceof java.util.List<?> list ? list.stream().map(String::valueOf).toList() : java.util.List.of();
        String export = browser.findElement(By.id("export")).getAttribute("href");
        assertThat(export).contains("sort=rank").contains("dir=asc");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(fetch(export)))) {
            var sheet = book.getSheetAt(0);
            java.util.List<String> codes = new java.util.ArrayList<>();
            for (int r = 4; r <= sheet.getLastRowNum(); r++) {
                codes.add(sheet.getRow(r).getCell(1).getStringCellValue());
            }
            assertThat(codes).containsExactlyElementsOf(shown);
        }

        // when they filter on communes
        new Select(browser.findElement(By.id("level"))).selectByValue("COMMUNE");
        wait.until(ExpectedConditions.urlContains("level=COMMUNE"));
        assertThat(browser.findElements(By.cssSelector("#dashboard tbody tr")).stream().map(r -> r.getAttribute("data-unit")).toList())
                .containsExactly("XLT", "XP1");
        assertThat(browser.findElement(By.id("dashboard")).getText()).contains("UBND xã Long Tân").doesNotContain("Sở Tư pháp");

        // when they page through the province's late dossiers of the year and search one
        browser.get(url("/units/P94?window=2024"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("late-table")));
        assertThat(browser.findElements(By.cssSelector("#late-table tbody tr"))).hasSize(20);
        assertThat(browser.findElement(By.id("late-page")).getText()).isEqualTo("Trang 1/3 (hồ sơ 1–20 của 49)");
        screenshotWhole("unit");
        browser.findElement(By.id("late-next")).click();
        wait.until(ExpectedConditions.textToBe(By.id("late-page"), "Trang 2/3 (hồ sơ 21–40 của 49)"));
        String code = browser.findElement(By.cssSelector("#late-table tbody tr td.dossier")).getText();
        browser.findElement(By.id("late-q")).sendKeys(code);
        browser.findElement(By.id("late-search")).click();
        wait.until(ExpectedConditions.textToBe(By.id("late-page"), "Trang 1/1 (hồ sơ 1–1 của 1)"));
        assertThat(browser.findElement(By.cssSelector("#late-table td.dossier")).getText()).isEqualTo(code);
        assertThat(browser.findElement(By.id("trend-chart")).findElements(By.tagName("canvas"))).isNotEmpty();

        // and STP's page shows its reports with their downloads and the request button
        browser.get(url("/units/STP?window=2024-Q1"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("unit-reports")));
        assertThat(browser.findElement(By.id("unit-reports")).getText()).contains("chiso-2024-Q1-STP-v2.pdf");
        assertThat(browser.findElement(By.id("unit-request-send")).getText()).contains("Yêu cầu báo cáo");
        assertThat(browser.findElement(By.id("sibling-table")).getText()).contains("Sở Tài chính");
        screenshotWhole("unit-stp");

        // when they open the archive, the window's ZIP holds the latest version of each unit's report
        browser.get(url("/reports"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("window-2024-Q1")));
        screenshotWhole("reports-archive");
        String zip = browser.findElement(By.cssSelector("#window-2024-Q1 a.zip")).getAttribute("href");
        java.util.List<String> entries = new java.util.ArrayList<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(fetch(zip)))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertThat(entries).containsExactly("chiso-2024-Q1-STP-v2.pdf", "chiso-2024-Q1-XLT-v1.pdf");
    }

    @Autowired
    vn.chiso.reports.ReportService reportService;

    private void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-demo");
        browser.findElement(By.id("login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** A file as the browser's own session downloads it. */
    private byte[] fetch(String href) {
        String base64 = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'})
                  .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.arrayBuffer(); })
                  .then(function (b) { var s = ''; new Uint8Array(b).forEach(function (c) { s += String.fromCharCode(c); }); done(btoa(s)); })
                  .catch(function (e) { done('failed: ' + e); });""", href);
        assertThat(base64).doesNotStartWith("failed");
        return java.util.Base64.getDecoder().decode(base64);
    }

    private java.util.List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private java.util.List<Double> numbers(String css) {
        return texts(css).stream().filter(t -> !t.equals("–")).map(t -> Double.parseDouble(t.replace(',', '.'))).toList();
    }

    /** The whole page at 1280 px wide, kept in target/ for a person to look at. */
    private void screenshotWhole(String name) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, (int) Math.min(height + 100, 8000)));
        try {
            // the charts redraw to their container's new width (a scrollbar gone) on the window's resize event
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> (Boolean) js.executeScript("""
                    return [...document.querySelectorAll('[_echarts_instance_]')].every(chart => [...chart.querySelectorAll('canvas')]
                        .every(canvas => Math.abs(canvas.getBoundingClientRect().width - chart.clientWidth) < 2))"""));
            screenshot(name);
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    void anOfficerLandsOnTheWarningsPageAndNarrowsItToAnOfficersDossiers() throws Exception {
        // given the example province
        Fixtures.clean(jdbc);
        jdbc.execute("TRUNCATE computation, upload, schedule_run CASCADE");
        ingest.ingest(java.util.List.of(Fixtures.resource("examples/province-small/data")), line -> { });
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        // when an officer signs in at the site's root, they land on Cảnh báo, in the menu
        browser.get(url("/"));
        browser.findElement(By.id("username")).sendKeys("canbo");
        browser.findElement(By.id("password")).sendKeys("canbo-demo");
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("warning-summary")));
        assertThat(browser.getCurrentUrl()).endsWith("/warnings");
        assertThat(browser.findElement(By.id("nav-warnings")).getAttribute("class")).contains("active");
        screenshot("warnings-landing");

        // when they look at the fourth quarter of 2024 on 20/11/2024
        browser.get(url("/warnings?window=2024-Q4&on=2024-11-20"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outlook-table")));
        assertThat(browser.findElement(By.id("warning-summary")).getText()).contains("20/11/2024");
        assertThat(browser.findElement(By.id("outlook-table")).getText()).contains("Tốt nhất").contains("Xấu nhất")
                .contains("Tỷ lệ hồ sơ giải quyết đúng hạn").contains("Cần giải quyết");
        assertThat(browser.findElements(By.cssSelector("#at-risk-table tbody tr"))).isNotEmpty();
        assertNoHorizontalScrolling();
        screenshotWhole("warnings");

        // when they choose an officer, the list holds that officer's dossiers only
        Select officers = new Select(browser.findElement(By.id("warning-officer")));
        String officer = officers.getOptions().get(1).getAttribute("value");
        officers.selectByValue(officer);
        wait.until(ExpectedConditions.urlContains("officer="));
        assertThat(texts("#at-risk-table td.officer")).isNotEmpty().containsOnly(officer);
        screenshotWhole("warnings-officer");

        // and the dashboard of that window on that day has the outlook beside the figures and the 766 index
        browser.get(url("/?window=2024-Q4&on=2024-11-20"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
        assertThat(browser.findElement(By.cssSelector("#dashboard thead")).getText()).contains("Chỉ số 766").contains("Cảnh báo");
        assertNoHorizontalScrolling();
        screenshotWhole("dashboard-outlook");
        browser.findElement(By.cssSelector("#dashboard tr[data-unit='HNN'] td.outlook-warn a")).click();
        wait.until(ExpectedConditions.urlContains("org=HNN"));
        assertThat(browser.findElement(By.id("outlook-table")).getText()).contains("UBND thị xã Ngã Năm").doesNotContain("Sở Tư pháp");

        // and a unit's page has its 766 groups
        browser.get(url("/units/XLT?window=2024-Q1"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("index766")));
        assertThat(browser.findElement(By.id("index766")).getText()).contains("Số hóa hồ sơ").contains("Tổng điểm");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('index766').scrollIntoView()");
        screenshot("unit-index766");
    }

    @Test
    void anAdminReadsRunsTheirRejectedRowsAndSchedulesInVietnamese() throws Exception {
        // given the example's reference data, an export naming ZZ9 (not in agencies.csv) and one with 155 bad rows in 160
        Fixtures.clean(jdbc);
        jdbc.execute("TRUNCATE computation, upload, schedule_run CASCADE");
        Path data = Files.createTempDirectory("chiso-browser-runs");
        for (String name : new String[] {"agencies.csv", "procedures.csv", "holidays.csv", "dossiers_so_nganh.csv", "dossiers_khac.csv"}) {
            Fixtures.copy("examples/province-small/data/" + name, data);
        }
        java.util.List<String> lines = Files.readString(data.resolve("dossiers_so_nganh.csv")).replace("\uFEFF", "").lines().toList();
        java.util.List<String> bad = new java.util.ArrayList<>(java.util.List.of(lines.get(0)));
        for (int i = 1; i <= 155; i++) {
            String[] row = lines.get(1).split(",", -1);
            row[0] = "R-%04d".formatted(i);
            row[i % 5 == 0 ? 9 : 6] = i % 5 == 0 ? "" : "31/02/2024";
            bad.add(String.join(",", row));
        }
        bad.addAll(lines.subList(1, 6));
        Files.writeString(data.resolve("dossiers_nhieu_loi.csv"), String.join("\n", bad) + "\n");
        ingest.ingest(java.util.List.of(data), line -> { });
        jdbc.update("""
                INSERT INTO schedule_run (job_name, kind, fire_time, instance_id, status, message, started_at, finished_at)
                VALUES ('nightly-pickup', 'pickup', '2026-12-05T18:30:00Z', 'may-1', 'COMPLETED', '/srv/inbox: no new file in the inbox',
                        '2026-12-05T18:30:00Z', '2026-12-05T18:30:02Z')""");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin-demo");
        browser.findElement(By.id("login")).click();

        // then the dashboard names the agency agencies.csv lacks
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("missing-agencies")));
        assertThat(browser.findElement(By.id("missing-agencies")).getText()).contains("Đơn vị chưa có trong danh mục: ZZ9");
        screenshot("dashboard-missing-agencies");

        // and the runs page speaks Vietnamese, times in Vietnam's
        browser.get(url("/runs"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("runs")));
        String runs = browser.findElement(By.id("runs")).getText();
        assertThat(runs).contains("Đã lưu").contains("Bị từ chối").contains("Hồ sơ").doesNotContain("STORED").doesNotContain("REFUSED")
                .containsPattern("\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d");
        assertNoHorizontalScrolling();
        screenshot("runs-vietnamese");

        // when they open the refused run's rejected rows
        browser.findElement(By.xpath("//table[@id='runs']//tr[td[@class='file' and text()='dossiers_nhieu_loi.csv']]//a[@class='rejects']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rejects")));

        // then the reasons are counted and the rows come 50 a page
        assertThat(browser.findElement(By.id("reasons")).getText()).contains("Tất cả các lý do 155").contains("124").contains("31");
        assertThat(browser.findElement(By.id("pager")).getText()).contains("Dòng 1–50 trên 155 — trang 1/4");
        assertThat(browser.findElements(By.cssSelector("#rejects tbody tr"))).hasSize(50);
        assertNoHorizontalScrolling();
        screenshot("run-rejects");
        browser.findElement(By.id("next")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pager"), "trang 2/4"));
        browser.findElement(By.partialLinkText("completed_at để trống")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pager"), "trên 31 — trang 1/1"));
        screenshot("run-rejects-one-reason");

        // and the CSV the download button gives starts with a byte order mark, so Excel reads its Vietnamese
        String href = browser.findElement(By.className("download")).getAttribute("href");
        Object firstBytes = ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.arrayBuffer(); })
                  .then(function (b) { done(Array.from(new Uint8Array(b).slice(0, 3)).join(',')); })
                  .catch(function (e) { done('failed: ' + e); });""", href);
        assertThat(firstBytes).isEqualTo("239,187,191");

        // and the schedules page says what each schedule does and when
        browser.get(url("/schedules"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("schedule-runs")));
        assertThat(browser.findElement(By.id("schedule-runs")).getText()).contains("Hoàn thành").contains("06/12/2026 01:30")
                .contains("không có tệp mới trong thư mục nhận").doesNotContain("COMPLETED");
        assertNoHorizontalScrolling();
        screenshot("schedules");

        // and the upload page's check speaks Vietnamese too
        browser.get(url("/upload"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("file")));
        browser.findElement(By.id("file")).sendKeys(data.resolve("dossiers_nhieu_loi.csv").toString());
        browser.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checks")));
        assertThat(browser.findElement(By.id("checks")).getText()).contains("Hồ sơ").contains("Sẽ bị từ chối").contains("Không có ngày giờ này");
        ((JavascriptExecutor) browser).executeScript("document.querySelector('table.rejects').scrollIntoView()");
        screenshot("upload-check");
    }

    private void assertNoHorizontalScrolling() {
        assertThat(((Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth")).intValue())
                .as("no horizontal scrolling on a laptop").isLessThanOrEqualTo(0);
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
