package io.edgesplit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo's dashboard in a real headless browser: a short demo of tiny-chain runs in-process
 * (embedded Kafka, MiniCluster, the job, the dashboard fed by the ResultWatcher), Debian's chromium
 * opens the URL the demo prints, the throughput chart gets non-zero data while the demo runs, and
 * at the end the page shows the summary's counts. Leaves target/dashboard-screenshot.png.
 *
 * <p>Needs chromium and chromedriver: {@code scripts/test} installs them ({@code apt-get install -y
 * chromium chromium-driver}), or {@code -Dedgesplit.chromium=PATH -Dedgesplit.chromedriver=PATH}.
 */
class DemoDashboardITCase {

    private static final Path CHROMIUM =
            Path.of(System.getProperty("edgesplit.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("edgesplit.chromedriver", "/usr/bin/chromedriver"));
    private static final String INSTALL =
            "Install Debian's chromium and chromedriver: run the tests with scripts/test, which installs"
                    + " them, or `apt-get install -y chromium chromium-driver` (or point"
                    + " -Dedgesplit.chromium and -Dedgesplit.chromedriver at them)";
    private static final Path SCREENSHOT = Path.of("target", "dashboard-screenshot.png");
    private static final Pattern DASHBOARD_LINE =
            Pattern.compile("dash\\s+live dashboard (http://\\S+)");

    private static final int DEVICES = 3;
    private static final Duration STREAM = Duration.ofSeconds(8);
    private static final double FPS = 5;

    /** Frames streamed, plus the injected frame that fails. */
    private static final long OUTCOMES = DEVICES * STREAM.toSeconds() * (long) FPS + 1;

    private static final Duration PAGE_WAIT = Duration.ofMinutes(3);

    /** The largest y value of the throughput chart's OK series, read from ECharts. */
    private static final String THROUGHPUT_MAX =
            "const c = window.echarts && echarts.getInstanceByDom(document.getElementById('throughput'));"
                    + "if (!c) { return 0; }"
                    + "const data = c.getOption().series[0].data;"
                    + "return data.reduce((m, p) => Math.max(m, p[1] || 0), 0);";

    @Test
    void showsTheRunningDemoAndItsOutcomes(@TempDir Path tmp) throws Exception {
        List<String> missing =
                Stream.of(CHROMIUM, CHROMEDRIVER)
                        .filter(p -> !Files.isExecutable(p))
                        .map(Path::toString)
                        .toList();
        if (!missing.isEmpty()) {
            fail(
                    "the dashboard browser test needs chromium and chromedriver, missing: %s. %s",
                    String.join(", ", missing), INSTALL);
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        DemoOptions options =
                new DemoOptions(
                        DEVICES,
                        STREAM,
                        List.of("cutedge", "edge-only", "device-only"),
                        "tiny-chain",
                        FPS,
                        4,
                        0,
                        tmp.resolve("out"),
                        1.0,
                        List.of("jetson-tx2"),
                        20e6,
                        2e6,
                        42,
                        true,
                        2,
                        Map.of(),
                        true,
                        0,
                        Duration.ofMinutes(10),
                        null);
        FutureTask<Integer> demo =
                new FutureTask<>(
                        new DemoRunner(
                                        options,
                                        new PrintStream(stdout, true, StandardCharsets.UTF_8),
                                        System.err)
                                ::run);
        Thread demoThread = new Thread(demo, "demo");
        demoThread.start();
        ChromeDriver browser = null;
        try {
            String url = dashboardUrl(stdout, demo);
            browser = chromium(tmp.resolve("chromium-profile"));
            browser.get(url);

            // while the demo runs: the throughput chart gets non-zero data
            double max =
                    new WebDriverWait(browser, PAGE_WAIT)
                            .withMessage("the throughput chart never showed a frame")
                            .until(
                                    b -> {
                                        double m = throughputMax(b);
                                        return m > 0 ? m : null;
                                    });
            assertThat(max).isPositive();
            assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-state"))
                    .isIn("running", "finished");

            // at the end: the totals match what the demo checked, and the summary is on the page
            new WebDriverWait(browser, PAGE_WAIT)
                    .withMessage("the page never showed the finished demo")
                    .until(
                            b ->
                                    "finished"
                                            .equals(
                                                    b.findElement(By.tagName("body"))
                                                            .getDomAttribute("data-state")));
            assertThat(text(browser, "t-outcomes")).isEqualTo(OUTCOMES + " / " + OUTCOMES);
            assertThat(text(browser, "t-failed")).isEqualTo("1");
            assertThat(text(browser, "t-dead")).isEqualTo("2");
            assertThat(Long.parseLong(text(browser, "t-decisions"))).isPositive();
            assertThat(text(browser, "summary"))
                    .contains(
                            "check: every one of the "
                                    + OUTCOMES
                                    + " frames has exactly one outcome");
            assertThat(throughputMax(browser)).isPositive();
            saveScreenshot(browser);

            List<LogEntry> errors =
                    browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                            .toList();
            assertThat(errors).as("errors in the browser console").isEmpty();
        } finally {
            if (browser != null) {
                browser.quit();
            }
            demoThread.interrupt(); // ends --linger
        }
        assertThat(demo.get(2, TimeUnit.MINUTES)).as("demo exit code").isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains(
                        "check: every one of the " + OUTCOMES + " frames has exactly one outcome");
    }

    /** The URL from the demo's header lines, once it printed them. */
    private static String dashboardUrl(ByteArrayOutputStream stdout, FutureTask<Integer> demo)
            throws InterruptedException, ExecutionException {
        while (!demo.isDone()) {
            Matcher m = DASHBOARD_LINE.matcher(stdout.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        demo.get(); // throws what the demo threw
        throw new AssertionError("the demo ended without printing a dashboard URL:\n" + stdout);
    }

    private static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1500,1100",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    private static double throughputMax(org.openqa.selenium.WebDriver browser) {
        Object max = ((JavascriptExecutor) browser).executeScript(THROUGHPUT_MAX);
        return max == null ? 0 : ((Number) max).doubleValue();
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    /** The whole page: the window is stretched to the document's height first. */
    private static void saveScreenshot(ChromeDriver browser) throws Exception {
        // the document's height plus what the window adds around the viewport
        Number height =
                (Number)
                        browser.executeScript(
                                "return document.documentElement.scrollHeight"
                                        + " + window.outerHeight - window.innerHeight;");
        browser.manage().window().setSize(new Dimension(1500, height.intValue()));
        // let the charts redraw at the new size before the picture is taken
        browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "requestAnimationFrame(() => requestAnimationFrame(done));");
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(png, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }
}
