package org.lvs.metrics.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestClockProducer;
import org.lvs.infra.test.TestTokens;
import org.lvs.metrics.TestEvents.Decision;
import org.lvs.metrics.domain.PeriodName;
import org.lvs.metrics.domain.ReportingPeriod;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in a real headless Chromium (Debian's chromium and chromium-driver): it loads with the token in the
 * fragment, removes the token from the address bar, shows the figures, and a figure changes by itself after an event
 * reaches the topic; a person steps between quarters with the fragment following; without a period it shows the
 * current quarter; no Content-Security-Policy violation, and the HTML report renders under the same policy.
 *
 * <p>The browser is a prerequisite of the build like the JDK: CI installs it ({@code apt-get install -y chromium
 * chromium-driver}); this test installs nothing and fails, saying so, when it is missing.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class DashboardBrowserTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** The browser's console holds no Content-Security-Policy violation (a blocked script, style or request). */
    static void assertNoPolicyViolations(WebDriver driver) {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            assertTrue(!entry.getMessage().contains("Content Security Policy"), entry.getMessage());
        }
    }

    @Test
    void thePageShowsFiguresAndUpdatesItselfAfterAnEvent() throws Exception {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            fail("Chromium is needed for the dashboard's browser test: apt-get install -y chromium chromium-driver "
                    + "(the CI script installs it)");
        }
        int year = 2950 + ThreadLocalRandom.current().nextInt(40);
        String quarter = String.format("%d-%02d-Q1", year, (year + 1) % 100);
        Decision.of(
                        Source.ADT,
                        LocalDateTime.of(year, 5, 2, 10, 0)
                                .atZone(ReportingPeriod.LONDON)
                                .toInstant())
                .event()
                .send();

        Path profile = Files.createTempDirectory("lvs-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            String token = TestTokens.token(Roles.OPS);
            driver.get("http://localhost:" + port + "/#token=" + token + "&period=" + quarter);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.withMessage(() -> "page state: period "
                    + driver.findElement(By.id("period-name")).getText()
                    + ", total "
                    + driver.findElement(By.id("fig-referrals-total")).getText() + ", status "
                    + driver.findElement(By.id("status")).getText());
            wait.until(d -> quarter.equals(d.findElement(By.id("period-name")).getText())
                    && "1".equals(d.findElement(By.id("fig-referrals-total")).getText()));
            // read in one script: the page may redraw the chart between two WebDriver calls
            Object chart = ((JavascriptExecutor) driver)
                    .executeScript("var svg = document.querySelectorAll('#chart-per-day svg');"
                            + "return svg.length + ':' + svg[0].getAttribute('role') + ':'"
                            + " + svg[0].querySelectorAll('rect').length;");
            assertTrue(
                    chart.toString().startsWith("1:img:"), "the referrals-per-day chart is drawn, labelled: " + chart);
            assertEquals(91, Integer.parseInt(chart.toString().split(":")[2]), "one bar per day of the quarter");
            assertTrue(driver.getCurrentUrl().indexOf('?') < 0, "the token never goes into a query string");
            assertTrue(
                    !driver.getCurrentUrl().contains(token)
                            && !driver.getCurrentUrl().contains("token="),
                    "the token is removed from the address bar once read: " + driver.getCurrentUrl());
            assertTrue(
                    driver.getCurrentUrl().endsWith("#period=" + quarter),
                    "the period stays in the fragment: " + driver.getCurrentUrl());
            // wait for the stream to be open before the event, so the update can only come from it
            wait.until(d -> "open".equals(d.findElement(By.tagName("html")).getAttribute("data-stream")));

            for (int i = 0; i < 2; i++) {
                Decision.of(
                                Source.SELF,
                                LocalDateTime.of(year, 6, 3 + i, 10, 0)
                                        .atZone(ReportingPeriod.LONDON)
                                        .toInstant())
                        .event()
                        .send();
            }
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(d -> "3"
                            .equals(d.findElement(By.id("fig-referrals-total")).getText()));
            assertEquals("2", driver.findElement(By.id("fig-self-referrals")).getText());
            List<?> requests = (List<?>) ((JavascriptExecutor) driver)
                    .executeScript(
                            "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
            for (Object url : requests) {
                assertTrue(!url.toString().contains(token), "no request URL carries the token: " + url);
            }
            assertNoPolicyViolations(driver);

            // a person steps between quarters; the fragment follows, so the link names what is on screen
            ReportingPeriod shown = PeriodName.parse(quarter).orElseThrow();
            String previous = shown.previous().name();
            String next = shown.next().name();
            driver.findElement(By.id("period-previous")).click();
            wait.until(d -> previous.equals(d.findElement(By.id("period-name")).getText())
                    && d.getCurrentUrl().endsWith("#period=" + previous)
                    && "0".equals(d.findElement(By.id("fig-referrals-total")).getText()));
            driver.findElement(By.id("period-next")).click();
            wait.until(d -> quarter.equals(d.findElement(By.id("period-name")).getText())
                    && d.getCurrentUrl().endsWith("#period=" + quarter)
                    && "3".equals(d.findElement(By.id("fig-referrals-total")).getText()));
            driver.findElement(By.id("period-next")).click();
            wait.until(d -> next.equals(d.findElement(By.id("period-name")).getText())
                    && d.getCurrentUrl().endsWith("#period=" + next));

            // without a period the page shows the current quarter (metrics.md), even when it is empty and other
            // quarters have data
            LocalDateTime today = LocalDateTime.of(year - 1, 6, 15, 12, 0);
            String current = String.format("%d-%02d-Q1", year - 1, year % 100);
            TestClockProducer.CLOCK.set(today.atZone(ReportingPeriod.LONDON).toInstant());
            try {
                driver.get("about:blank");
                driver.get("http://localhost:" + port + "/#token=" + token);
                wait.until(
                        d -> current.equals(d.findElement(By.id("period-name")).getText())
                                && "0"
                                        .equals(d.findElement(By.id("fig-referrals-total"))
                                                .getText()));
                assertTrue(!driver.getCurrentUrl().contains("token="), driver.getCurrentUrl());
            } finally {
                TestClockProducer.CLOCK.reset();
            }

            // the HTML report, in the browser, under the pages' Content-Security-Policy: its inline style applies
            ChromeDriver chrome = (ChromeDriver) driver;
            chrome.executeCdpCommand("Network.enable", Map.of());
            chrome.executeCdpCommand(
                    "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Bearer " + token)));
            driver.get("http://localhost:" + port + "/api/v1/reports/quarterly/" + quarter);
            Object transform =
                    chrome.executeScript("return getComputedStyle(document.querySelector('h1')).textTransform;");
            assertEquals("uppercase", transform, "the report's style sheet is allowed by the policy");
            assertNoPolicyViolations(driver);
        } finally {
            driver.quit();
        }
    }
}
