package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ChromiumExtension;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A demo agent signs in at /realms/casvp/account in a real browser and sees their own details. */
@CasvpIntegrationTest
@ExtendWith(ChromiumExtension.class)
class AccountConsoleInChromiumIT {

    @Test
    void demoAgentSignsInToTheAccountConsoleAndSeesTheirProfile(KeycloakServer server, ChromeDriver chromium) {
        chromium.get(server.realmUrl() + "/account");
        WebDriverWait wait = new WebDriverWait(chromium, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        chromium.findElement(By.id("username")).sendKeys("camille.martin");
        chromium.findElement(By.id("password")).sendKeys("Lanterne verte sur le quai 7");
        chromium.findElement(By.id("kc-login")).click();

        // The account console (a single-page app) loads the agent's profile over its REST API.
        wait.until(ExpectedConditions.attributeToBe(By.id("email"), "value", "camille.martin@casvp.test"));
        assertEquals("Camille", chromium.findElement(By.id("firstName")).getAttribute("value"));
    }
}
