package dev.ferry.console.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver: nothing is downloaded. When either
 * is missing the tests fail (never skip), saying how to install them.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(20);

    final WebDriver driver;
    private final Path profile;

    Chromium() throws IOException {
        for (Path required : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException(required + " is missing: the console's browser tests need Debian's "
                        + "Chromium and its driver (apt-get install -y chromium chromium-driver)");
            }
        }
        profile = Files.createTempDirectory("ferry-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,960", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    void open(String url) {
        driver.get(url);
        waitForVaadin();
    }

    /** Waits until Vaadin has no request in progress, so that what the test reads is what the server sent. */
    void waitForVaadin() {
        until(d -> Boolean.TRUE.equals(js("""
                if (!window.Vaadin || !window.Vaadin.Flow || !window.Vaadin.Flow.clients) { return false; }
                const clients = window.Vaadin.Flow.clients;
                for (const key in clients) { if (clients[key].isActive && clients[key].isActive()) { return false; } }
                return document.readyState === 'complete';
                """)));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    WebElement byId(String id) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.id(id));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Types into the input of a Vaadin field (its input element is in the light DOM). */
    void type(String fieldId, String text) {
        WebElement input = until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#" + fieldId + " input"));
            return found.isEmpty() ? null : found.get(0);
        });
        input.clear();
        js("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", input);
        input.sendKeys(text);
        js("arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input);
        waitForVaadin();
    }

    void click(String id) {
        byId(id).click();
        waitForVaadin();
    }

    /** The text of every cell of a grid, joined by newlines. */
    String gridText(String gridId) {
        waitForVaadin();
        return (String) js("""
                const grid = document.getElementById(arguments[0]);
                if (!grid) { return ''; }
                return Array.from(grid.querySelectorAll('vaadin-grid-cell-content')).map(c => c.textContent).join('\\n');
                """, gridId);
    }

    /** The text of the notifications on screen. */
    String notifications() {
        return (String) js("""
                return Array.from(document.querySelectorAll('vaadin-notification-card'))
                    .map(c => c.textContent).join('\\n');
                """);
    }

    void screenshot(String name) {
        String folder = System.getProperty("ferry.console.screenshots");
        if (folder == null) {
            return;
        }
        try {
            waitForVaadin();
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = Path.of(folder).resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile
            }
        }
    }
}
