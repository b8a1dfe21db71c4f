package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.support.Axe;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ChromiumExtension;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.NextPage;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.Screenshots;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RGAA 4.1 evidence in a real engine: the agent's pages at 1280 px, 640 px (200 % zoom of a
 * 1280 px screen) and 320 px (400 %), and with the text alone at 200 %, pass axe-core's WCAG 2.1
 * A/AA rules with no serious or critical violation and reflow without horizontal scrolling.
 * What axe reports below "serious" is written, per page, to {@code target/it/axe/}; screenshots
 * at 320 px to {@code target/it/screenshots/}. The keyboard alone: {@link KeyboardOnlyInChromiumIT}.
 */
@CasvpIntegrationTest
@ExtendWith(ChromiumExtension.class)
class AccessibilityInChromiumIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theSignInPagesPassAxeAndReflowAt320Pixels(KeycloakServer server, ChromeDriver chromium) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        for (int width : new int[] {1280, 640, 320}) {
            chromium.manage().window().setSize(new Dimension(width, 900));
            open(chromium, KeycloakForms.authUrl(server, Pkce.create()), By.id("kc-form-login"));
            Axe.check(chromium, "sign-in", width);
            open(chromium, KeycloakForms.authUrl(server, Pkce.create()) + "&ui_locales=en", By.id("kc-form-login"));
            Axe.check(chromium, "sign-in-en", width);
            chromium.findElement(By.id("username")).sendKeys(agent.username());
            NextPage.after(chromium, WAIT, () -> chromium.findElement(By.id("password")).sendKeys("pas le bon mot de passe", Keys.ENTER));
            new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("input-error-username")));
            Axe.check(chromium, "sign-in-wrong-password", width);
            chromium.findElement(By.cssSelector("a[href*='reset-credentials']")).click();
            new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.id("kc-reset-password-form")));
            Axe.check(chromium, "forgot-password", width);
            chromium.findElement(By.id("username")).sendKeys(agent.username(), Keys.ENTER);
            new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.id("casvp-recovery-code-form")));
            Axe.check(chromium, "forgot-password-code", width);
            chromium.manage().deleteAllCookies();
        }
    }

    /**
     * RGAA 10.4 (WCAG 1.4.4): the agent sets the browser's text size to 200 % (Chromium's
     * default font size 32 px instead of 16, what "Taille de la police : très grande" and beyond
     * do), without zooming the page: the text doubles and the pages still fit, at 1280 and
     * 640 px, with axe clean.
     */
    @Test
    void withTheTextAt200PercentThePagesStillFit(KeycloakServer server, ChromeDriver chromium) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        open(chromium, KeycloakForms.authUrl(server, Pkce.create()), By.id("kc-form-login"));
        double normal = labelFontSize(chromium);
        chromium.executeCdpCommand("Page.setFontSizes", Map.of("fontSizes", Map.of("standard", 32, "fixed", 26)));
        for (int width : new int[] {1280, 640}) {
            chromium.manage().window().setSize(new Dimension(width, 900));
            open(chromium, KeycloakForms.authUrl(server, Pkce.create()), By.id("kc-form-login"));
            double large = labelFontSize(chromium);
            assertTrue(large >= 1.9 * normal, "the identifier's label at " + large + " px, " + normal + " px before");
            Axe.check(chromium, "text-200-sign-in", width);
            if (width == 640) {
                Screenshots.save(chromium, "a11y-text-200-sign-in-640");
            }
            open(chromium, KeycloakForms.authUrl(server, Pkce.create()), By.id("kc-form-login"));
            chromium.findElement(By.cssSelector("a[href*='reset-credentials']")).click();
            new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("kc-reset-password-form")));
            Axe.check(chromium, "text-200-forgot-password", width);
            chromium.manage().deleteAllCookies();
        }
        open(chromium, KeycloakForms.authUrl(server, Pkce.create()), By.id("kc-form-login"));
        chromium.findElement(By.id("username")).sendKeys(agent.username());
        chromium.findElement(By.id("password")).sendKeys(agent.password(), Keys.ENTER);
        new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("password-new")));
        chromium.findElement(By.id("password-new")).sendKeys("azerty");
        Axe.check(chromium, "text-200-new-password", 640);
    }

    /** The computed size of the identifier field's label, in CSS pixels. */
    private static double labelFontSize(ChromeDriver chromium) {
        String size = String.valueOf(chromium.executeScript(
                "return getComputedStyle(document.querySelector(\"label[for='username']\")).fontSize;"));
        return Double.parseDouble(size.replace("px", ""));
    }

    private static void open(ChromeDriver chromium, String url, By ready) {
        chromium.get(url);
        new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(ready));
    }
}
