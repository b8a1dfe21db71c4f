package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.support.Axe;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ChromiumExtension;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Screenshots;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Mes appareils" in the account console, in Chromium: the agent sees the browsers they signed
 * in from, which one they are on, and forgets another (by keyboard); its session ends and its
 * next sign-in is a new device's. The activity below shows the new device and the forget, and
 * "Ce n'était pas moi" leads to the alert mail's own page. The endpoint: {@link AccountDevicesIT}.
 */
@CasvpIntegrationTest
@ExtendWith(ChromiumExtension.class)
class AccountDevicesInChromiumIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anAgentSeesBothBrowsersAndForgetsTheOtherWhoseNextSignInIsNew(KeycloakServer server, ChromeDriver chromium)
            throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient other = Browsers.htmlUnit("fr")) {
            SignIns.signIn(other, server, agent);

            chromium.get(server.realmUrl() + "/account");
            WebDriverWait wait = new WebDriverWait(chromium, WAIT);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
            chromium.findElement(By.id("username")).sendKeys(agent.username());
            chromium.findElement(By.id("password")).sendKeys(agent.password());
            chromium.findElement(By.id("kc-login")).click();

            // the agent finds the page in the console's menu, under "Sécurité du compte"
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//button[normalize-space()='Sécurité du compte']"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Mes appareils"))).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#casvp-devices .casvp-device"), 2));

            assertEquals("Mes appareils", chromium.findElement(By.cssSelector("#casvp-devices h1")).getText());
            WebElement current = chromium.findElement(By.cssSelector(".casvp-device[data-current='true']"));
            WebElement known = chromium.findElement(By.cssSelector(".casvp-device[data-current='false']"));
            assertTrue(current.getText().contains("Cet appareil"), current.getText());
            assertTrue(current.getText().contains("Chrome"), "this browser is Chromium: " + current.getText());
            assertFalse(known.getText().contains("Cet appareil"), known.getText());
            for (WebElement device : List.of(current, known)) {
                String text = device.getText();
                assertTrue(text.contains("Première connexion") && text.contains("Dernière connexion"), text);
                assertTrue(text.contains("Réseau") && text.contains("127.0.0.0/24"), "the network: " + text);
                assertFalse(text.contains("127.0.0.1"), "never the full address: " + text);
            }
            assertTrue(current.findElements(By.cssSelector("button")).isEmpty(),
                    "this browser is not offered to be forgotten from itself");
            // its own sign-in was a new device's: the activity says so, with the network only
            WebElement activity = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#casvp-activity .casvp-activity__entry[data-kind='newDevice']")));
            assertTrue(activity.getText().contains("Connexion depuis un nouvel appareil"), activity.getText());
            assertTrue(activity.getText().contains("réseau 127.0.0.0/24"), activity.getText());
            assertTrue(activity.getText().contains("Ce n’était pas moi"), activity.getText());
            Screenshots.save(chromium, "account-devices");
            Axe.check(chromium, "account-devices", 1280);
            assertEquals(2, server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).getUserSessions().size());

            // asked first, the question takes the focus; "Annuler" gives it back to the button
            known.findElement(By.cssSelector(".casvp-device__forget")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".casvp-device__cancel"))).click();
            wait.until(driver -> chromium.switchTo().activeElement().getText().equals("Oublier cet appareil"));
            chromium.switchTo().activeElement().sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".casvp-device__forget-yes")));
            WebElement question = chromium.switchTo().activeElement();
            assertTrue(question.getText().contains("prochaine connexion sera traitée comme celle d’un nouvel appareil"),
                    "the focus is on the question: " + question.getText());
            Axe.check(chromium, "account-devices-forget", 1280);
            question.sendKeys(Keys.TAB);
            assertEquals("Oui, oublier cet appareil", chromium.switchTo().activeElement().getText());
            chromium.switchTo().activeElement().sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#casvp-devices .casvp-device"), 1));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("casvp-devices-status"), "est oublié"));
            assertEquals("casvp-devices-status", chromium.switchTo().activeElement().getAttribute("id"),
                    "the focus moves to what happened, not to the top of the page");
            assertEquals("true", chromium.findElement(By.cssSelector(".casvp-device")).getAttribute("data-current"));
            chromium.manage().window().setSize(new Dimension(320, 900));
            Axe.check(chromium, "account-devices", 320);
            chromium.manage().window().setSize(new Dimension(1280, 1600));

            // the forgotten browser's session ended with it; the console's own goes on
            assertEquals(1, server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).getUserSessions().size());
            chromium.navigate().refresh();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#casvp-devices .casvp-device"), 1));

            SignIns.signIn(other, server, agent);
            List<Map<String, String>> logins = Events.loginDetails(server, agent.id());
            Map<String, String> last = logins.get(logins.size() - 1);
            assertEquals("new", last.get("casvp_device"), "the forgotten browser signs in as a new one: " + logins);
            assertEquals("queued", last.get("casvp_alert"), "with the new-device alert: " + logins);

            // the forget is in the activity too; "Ce n'était pas moi" leads to the alert mail's own page
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#casvp-activity .casvp-activity__entry[data-kind='deviceForgotten']")));
            chromium.findElement(By.cssSelector("#casvp-activity .casvp-activity__entry[data-kind='newDevice'] button"))
                    .click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#casvp-not-me[data-step='confirm']")));
            chromium.findElement(By.id("casvp-not-me-confirm")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#casvp-not-me[data-step='done']")));
            assertEquals(0, server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).getUserSessions().size(),
                    "securing the account ended every session");
        }
    }
}
