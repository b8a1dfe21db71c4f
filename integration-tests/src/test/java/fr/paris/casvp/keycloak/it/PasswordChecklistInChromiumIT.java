package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ChromiumExtension;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.NextPage;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The new-password page in a real browser: the checklist under the field follows what the
 * agent types (and tells a screen reader, politely, how many rules are met), while the server
 * stays the judge of what the page cannot check.
 */
@CasvpIntegrationTest
@ExtendWith(ChromiumExtension.class)
class PasswordChecklistInChromiumIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theChecklistFollowsTheTypedPasswordAndTheServerStillJudges(KeycloakServer server, ChromeDriver chromium) {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
        WebDriverWait wait = new WebDriverWait(chromium, WAIT);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        chromium.findElement(By.id("username")).sendKeys(agent.username());
        chromium.findElement(By.id("password")).sendKeys(agent.password(), Keys.ENTER);

        WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password-new")));
        WebElement checklist = chromium.findElement(By.id("casvp-password-checklist"));
        assertTrue(checklist.isDisplayed(), "shown once its script runs");
        WebElement status = chromium.findElement(By.id("casvp-password-checklist-status"));
        assertEquals("polite", status.getAttribute("aria-live"));

        field.sendKeys("azerty");
        wait.until(driver -> statusText(chromium).equals("Règles respectées : 1 sur 3"));
        assertEquals(Map.of("length", "casvp-check-not-met", "sequence", "casvp-check-not-met",
                "personal", "casvp-check-met"), states(chromium));

        field.clear();
        field.sendKeys("Soleil2026!!");
        wait.until(driver -> statusText(chromium).equals("Règles respectées : 3 sur 3"));
        assertEquals(Map.of("length", "casvp-check-met", "sequence", "casvp-check-met", "personal", "casvp-check-met"),
                states(chromium));

        // what the page cannot check: a common password, refused by the server on submit
        NextPage.after(chromium, WAIT, () -> chromium.findElement(By.id("password-confirm")).sendKeys("Soleil2026!!", Keys.ENTER));
        // the refusal, under the field or in Keycloak's alert, as UpdatePasswordPage reads it
        // (every page also has the footer's hidden danger alert)
        WebElement refusal = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#input-error-password-new, .pf-v5-c-alert.pf-m-danger .kc-feedback-text")));
        assertTrue(refusal.getText().contains("« soleil »"), refusal.getText());
    }

    /** The live region's text (hidden from sight, so read from the DOM). */
    private static String statusText(ChromeDriver chromium) {
        return String.valueOf(chromium.executeScript(
                "return document.getElementById('casvp-password-checklist-status').textContent;"));
    }

    private static Map<String, String> states(ChromeDriver chromium) {
        Map<String, String> states = new java.util.TreeMap<>();
        for (WebElement rule : chromium.findElements(By.cssSelector("#casvp-password-checklist li[data-rule]"))) {
            states.put(rule.getAttribute("data-rule"), rule.getAttribute("class"));
        }
        return states;
    }
}
