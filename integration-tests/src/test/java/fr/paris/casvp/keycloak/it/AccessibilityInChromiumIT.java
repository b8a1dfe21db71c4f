package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.support.Axe;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ChromiumExtension;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RGAA 4.1 evidence in a real engine: the agent's pages at 1280 px, 640 px (200 % zoom of a
 * 1280 px screen) and 320 px (400 %) pass axe-core's WCAG 2.1 A/AA rules with no serious or critical
 * violation, reflow without horizontal scrolling, and the sign-in through a new password is
 * done with the keyboard alone. What axe reports below "serious" is written, per page, to
 * {@code target/it/axe/}; screenshots at 320 px to {@code target/it/screenshots/}.
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
            chromium.findElement(By.id("password")).sendKeys("pas le bon mot de passe", Keys.ENTER);
            new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#input-error-username, #input-error, .pf-v5-c-alert")));
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
     * Tab, typing and Enter only, on a large screen and at 400 %: from the sign-in page through
     * a new password to the application.
     */
    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1280, 320})
    void anAgentSignsInAndChoosesANewPasswordWithTheKeyboardAlone(int width, KeycloakServer server, ChromeDriver chromium)
            throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        chromium.manage().window().setSize(new Dimension(width, 900));
        open(chromium, KeycloakForms.authUrl(server, Pkce.create()), By.id("kc-form-login"));
        tabTo(chromium, "username");
        type(chromium, agent.username());
        tabTo(chromium, "password");
        type(chromium, agent.password() + Keys.ENTER);

        new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("password-new")));
        Axe.check(chromium, "new-password", width);
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

}
