package dev.checkout.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's headless Chromium, driven through its chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code ./checkout test} installs when they are missing), pointed at one platform.
 * Waits are explicit: until an element or a text is there, never for a fixed time. Screenshots go to
 * {@code target/screenshots/} in tests, wherever the walk-through says otherwise.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path screenshots;

    private Browser(ChromeDriver driver, String baseUrl, Path screenshots) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.screenshots = screenshots;
    }

    /** At the platform a test started on this port, with screenshots in {@code target/screenshots/}. */
    static Browser at(int port) {
        return at("http://127.0.0.1:" + port, SCREENSHOTS);
    }

    /** At any running platform ({@code http://localhost:8080}), with screenshots in {@code screenshots}. */
    static Browser at(String baseUrl, Path screenshots) {
        File chromium = executable("CHECKOUT_CHROMIUM", "/usr/bin/chromium");
        File chromedriver = executable("CHECKOUT_CHROMEDRIVER", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1400", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 1400));
        return new Browser(driver, baseUrl.replaceFirst("/+$", ""), screenshots);
    }

    private static File executable(String variable, String fallback) {
        String configured = System.getenv(variable);
        File file = new File(configured == null || configured.isBlank() ? fallback : configured);
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " is missing: the browser tests need Chromium and its driver "
                    + "(apt-get install chromium chromium-driver; ./checkout test installs them), or " + variable + " naming another");
        }
        return file;
    }

    Browser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** The path of the page shown now, without the site's address. */
    String path() {
        return driver.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
    }

    WebElement find(By by) {
        return until(d -> d.findElement(by));
    }

    /** Types into a field after clearing it. */
    Browser type(By field, String text) {
        WebElement element = find(field);
        element.clear();
        element.sendKeys(text);
        return this;
    }

    Browser click(By by) {
        find(by).click();
        return this;
    }

    /** Waits until {@code condition} answers something other than null or false, re-asking when the page changed under it. */
    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            try {
                return condition.apply(d);
            } catch (WebDriverException e) {
                if (replacedUnderUs(e)) {
                    return null;
                }
                throw e;
            }
        });
    }

    /**
     * Chromium's way of saying "stale element" when a page reloads itself (the order page does, every 2 s while
     * PENDING) between finding an element and reading it: an "unknown error" instead of a stale element reference.
     */
    private static boolean replacedUnderUs(WebDriverException e) {
        return !(e instanceof StaleElementReferenceException) && String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    /** Waits until the element's text is {@code text}, across reloads of the page. */
    void untilTextIs(By by, String text) {
        until(d -> d.findElements(by).stream().anyMatch(e -> e.getText().trim().equals(text)));
    }

    String text(By by) {
        return find(by).getText();
    }

    boolean shows(By by) {
        return !driver.findElements(by).isEmpty();
    }

    WebDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as {@code <screenshots>/<name>.png} and returns the file. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path target = screenshots.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets every cookie: the next visitor starts signed out. */
    void forgetVisitor() {
        driver.manage().deleteAllCookies();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
