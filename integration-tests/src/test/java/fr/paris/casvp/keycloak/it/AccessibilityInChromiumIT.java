package fr.paris.casvp.keycloak.it;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ChromiumExtension;
import fr.paris.casvp.keycloak.it.support.ItSettings;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RGAA 4.1 evidence in a real engine: the agent's pages at 1280 px and at 320 px (400 % zoom
 * of a 1280 px screen) pass axe-core's WCAG 2.1 A/AA rules with no serious or critical
 * violation, reflow without horizontal scrolling, and the sign-in through a new password is
 * done with the keyboard alone. What axe reports below "serious" is written, per page, to
 * {@code target/it/axe/}; screenshots at 320 px to {@code target/it/screenshots/}.
 */
@CasvpIntegrationTest
@ExtendWith(ChromiumExtension.class)
class AccessibilityInChromiumIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @Test
    void theSignInPagesPassAxeAndReflowAt320Pixels(KeycloakServer server, ChromeDriver chromium) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        for (int width : new int[] {1280, 320}) {
            chromium.manage().window().setSize(new Dimension(width, 900));
            open(chromium, KeycloakForms.authUrl(server, Pkce.create()), By.id("kc-form-login"));
            check(chromium, "sign-in", width);
            open(chromium, KeycloakForms.authUrl(server, Pkce.create()) + "&ui_locales=en", By.id("kc-form-login"));
            check(chromium, "sign-in-en", width);
            chromium.findElement(By.id("username")).sendKeys(agent.username());
            chromium.findElement(By.id("password")).sendKeys("pas le bon mot de passe", Keys.ENTER);
            new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#input-error-username, #input-error, .pf-v5-c-alert")));
            check(chromium, "sign-in-wrong-password", width);
            chromium.findElement(By.cssSelector("a[href*='reset-credentials']")).click();
            new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.id("kc-reset-password-form")));
            check(chromium, "forgot-password", width);
            chromium.findElement(By.id("username")).sendKeys(agent.username(), Keys.ENTER);
            new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.id("casvp-recovery-code-form")));
            check(chromium, "forgot-password-code", width);
            chromium.manage().deleteAllCookies();
        }
    }

    /** Tab, typing and Enter only: from the sign-in page through a new password to the application. */
    @Test
    void anAgentSignsInAndChoosesANewPasswordWithTheKeyboardAlone(KeycloakServer server, ChromeDriver chromium)
            throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        chromium.manage().window().setSize(new Dimension(1280, 900));
        open(chromium, KeycloakForms.authUrl(server, Pkce.create()), By.id("kc-form-login"));
        tabTo(chromium, "username");
        type(chromium, agent.username());
        tabTo(chromium, "password");
        type(chromium, agent.password() + Keys.ENTER);

        new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("password-new")));
        check(chromium, "new-password", 1280);
        String passphrase = TestUsers.passphrase();
        tabTo(chromium, "password-new");
        type(chromium, passphrase);
        tabTo(chromium, "password-confirm");
        type(chromium, passphrase + Keys.ENTER);
        new WebDriverWait(chromium, WAIT).until(driver -> driver.getCurrentUrl().startsWith(server.webmailRedirectUri()));
        assertTrue(chromium.getCurrentUrl().contains("code="), chromium.getCurrentUrl());
    }

    private static void open(ChromeDriver chromium, String url, By ready) {
        chromium.get(url);
        new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(ready));
    }

    /** Tab (at most 40 times) until the element with this id has the focus, as a keyboard user does. */
    private static void tabTo(ChromeDriver chromium, String id) {
        for (int tab = 0; tab < 40; tab++) {
            if (id.equals(chromium.switchTo().activeElement().getAttribute("id"))) {
                return;
            }
            new Actions(chromium).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("#" + id + " cannot be reached with Tab");
    }

    private static void type(ChromeDriver chromium, CharSequence keys) {
        new Actions(chromium).sendKeys(keys).perform();
    }

    /** axe with no serious or critical violation, no horizontal scrolling, the rest written down. */
    private static void check(ChromeDriver chromium, String page, int width) throws Exception {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(chromium);
        Map<Boolean, List<Rule>> bySeverity = results.getViolations().stream()
                .collect(Collectors.partitioningBy(rule -> "serious".equals(rule.getImpact())
                        || "critical".equals(rule.getImpact())));
        Path reports = Files.createDirectories(ItSettings.outputDir().resolve("axe"));
        Files.writeString(reports.resolve(page + "-" + width + ".txt"), "axe-core " + results.getTestEngine().getVersion()
                + " on " + results.getUrl() + ": " + results.getPasses().size() + " rules passed, "
                + bySeverity.get(false).size() + " minor or moderate violation(s)\n" + describe(bySeverity.get(false)) + "\n");
        assertTrue(results.getPasses().size() > 10, "axe ran on " + page + ": " + results.getPasses().size() + " rules");
        assertEquals("", describe(bySeverity.get(true)), page + " at " + width + " px");
        Object scrollWidth = chromium.executeScript("return document.documentElement.scrollWidth;");
        Object viewport = chromium.executeScript("return window.innerWidth;");
        assertTrue(((Number) scrollWidth).longValue() <= ((Number) viewport).longValue(),
                page + " at " + width + " px scrolls sideways: " + scrollWidth + " > " + viewport);
        if (width == 320) {
            Path shots = Files.createDirectories(ItSettings.outputDir().resolve("screenshots"));
            Files.copy(chromium.getScreenshotAs(OutputType.FILE).toPath(), shots.resolve("a11y-" + page + "-320.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String describe(List<Rule> rules) {
        return rules.stream().map(rule -> rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " ("
                        + rule.getNodes().size() + " element(s): " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("\n"));
    }
}
