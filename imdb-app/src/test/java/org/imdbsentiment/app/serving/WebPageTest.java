package org.imdbsentiment.app.serving;

import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.MiniImdb;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web page in headless Chromium, as a person uses it: type a review, click Score, read the label,
 * the probability and the highlighted words. Needs Debian's chromium and chromium-driver (.ci/run
 * installs them); skipped only outside CI when they are absent. With -Dpage.screenshot=<png> it also
 * saves a screenshot (docs/serving-page.png is made that way).
 */
class WebPageTest {
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final File CHROMIUM = new File("/usr/bin/chromium");

    @Test
    void aTypedReviewIsScoredAndItsWordsHighlighted(@TempDir Path tmp) throws Exception {
        boolean present = CHROMEDRIVER.canExecute() && CHROMIUM.canExecute();
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but /usr/bin/chromium or /usr/bin/chromedriver is missing "
                    + "(apt-get install chromium chromium-driver; .ci/run does it)");
        }
        Assumptions.assumeTrue(present, "headless Chromium is not installed");

        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 30);
        String model = System.getProperty("page.model");
        ModelBundle bundle;
        if (model != null) {
            bundle = ModelBundle.read(Path.of(model));
        } else {
            Path run = org.imdbsentiment.app.cli.CliRunner.trainMini(data, tmp.resolve("runs"));
            bundle = ModelBundle.read(run.resolve(RunDirectory.MODEL_BUNDLE));
        }
        String review = "A wonderful, great film! Loved it.";
        double expected = bundle.pipeline().predict(bundle.graph(), List.of(review)).get(0).probabilityPositive();

        try (SentimentServer server = SentimentServer.start(bundle, "127.0.0.1", 0, SentimentServer.Limits.DEFAULT)) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=900,800");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
            WebDriver driver = new ChromeDriver(service, options);
            try {
                driver.get("http://127.0.0.1:" + server.port() + "/");
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("model"), bundle.id()));
                WebElement box = driver.findElement(By.id("text"));
                box.sendKeys(review);
                driver.findElement(By.id("score")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
                String label = driver.findElement(By.id("label")).getText();
                double shown = Double.parseDouble(driver.findElement(By.id("probability")).getText());
                assertEquals(expected > 0.5 ? "positive" : "negative", label);
                assertEquals(expected, shown, 1e-4);
                List<WebElement> words = driver.findElements(By.cssSelector("#words span"));
                assertEquals(9, words.size()); // a wonderful , great film ! loved it .
                assertTrue(words.get(1).getAttribute("title").matches("[+-]\\d\\.\\d{4}"), words.get(1).getAttribute("title"));
                String screenshot = System.getProperty("page.screenshot");
                if (screenshot != null) {
                    Files.write(Path.of(screenshot), ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
                }
            } finally {
                driver.quit();
            }
        }
    }
}
