package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ChromiumExtension;
import fr.paris.casvp.keycloak.it.support.ItSettings;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sign-in page in a real engine (Debian Chromium): its scripts run, the
 * hostname check warns on an address that is not the official one, and the suite
 * keeps a screenshot of the themed page for the docs.
 */
@CasvpIntegrationTest
@ExtendWith(ChromiumExtension.class)
class SignInPageInChromiumIT {

    private ChromeDriver chromium;

    @BeforeEach
    void openBrowser(ChromeDriver opened) {
        chromium = opened;
    }

    @Test
    void officialHostShowsNoWarningAndTheScreenshotIsKept(KeycloakServer server) throws Exception {
        chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
        WebElement form = waitFor(By.id("kc-form-login"));
        assertTrue(form.isDisplayed());
        assertEquals("fr", chromium.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(chromium.findElement(By.id("casvp-official-address")).isDisplayed());
        assertFalse(chromium.findElement(By.id("casvp-hostname-warning")).isDisplayed(),
                "localhost is a trusted hostname of the demo: no warning");

        Path screenshots = Files.createDirectories(ItSettings.outputDir().resolve("screenshots"));
        Path shot = chromium.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, screenshots.resolve("login-fr.png"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(screenshots.resolve("login-fr.png")) > 10_000);
    }

    @Test
    void addressThatIsNotTheOfficialOneShowsTheHostnameWarning(KeycloakServer server) {
        // 127.0.0.1 reaches the same server but is not in casvpTrustedHostnames.
        chromium.get(KeycloakForms.authUrl(server.baseUrl().replace("//localhost:", "//127.0.0.1:"), server,
                Pkce.create(), Map.of()));
        waitFor(By.id("kc-form-login"));
        WebElement warning = new WebDriverWait(chromium, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("casvp-hostname-warning")));
        assertTrue(warning.getText().length() > 20, warning.getText());
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(chromium, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(locator));
    }
}
