package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ChromiumExtension;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.PasswordReset;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.StepChange;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.ws.rs.core.Response;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real admin console in Chromium: a server admin opens the page of an agent whose unknown
 * browsers a stranger locked, sees "Temporarily locked" on, switches it off, and the agent signs
 * in from a new browser at once.
 */
@CasvpIntegrationTest
@ExtendWith(ChromiumExtension.class)
class LocksInTheAdminConsoleInChromiumIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private RealmResource realm;
    private StepChange lockout;

    @BeforeEach
    void lockAfterFiveFailures(KeycloakServer server) {
        realm = server.admin().realm(KeycloakServer.REALM);
        lockout = StepChange.of(realm, "casvp-password-form",
                Map.of("lockoutDelayAfter", "5", "lockoutLockAfter", "5", "lockoutLockMinutes", "60"));
    }

    @AfterEach
    void restore() {
        lockout.close();
    }

    @Test
    void theUserPageShowsTheLockAndItsSwitchLiftsIt(KeycloakServer server, ChromeDriver chromium) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        for (int i = 0; i < 5; i++) {
            try (WebClient attacker = Browsers.htmlUnitFrom("127.0.0.171")) {
                LoginPage.open(attacker, server, Pkce.create()).signIn(agent.username(), "mauvais mot de passe " + i);
            }
        }
        String adminName = "console." + UUID.randomUUID().toString().substring(0, 8);
        String adminPassword = TestUsers.passphrase();
        String adminId = serverAdmin(server, adminName, adminPassword);
        try {
            chromium.get(server.baseUrl() + "/admin/master/console/#/" + KeycloakServer.REALM + "/users/" + agent.id()
                    + "/settings");
            WebDriverWait wait = new WebDriverWait(chromium, WAIT);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(adminName);
            chromium.findElement(By.id("password")).sendKeys(adminPassword);
            chromium.findElement(By.id("kc-login")).click();

            WebElement locked = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-testid='user-locked-switch']")));
            wait.until(driver -> driver.findElement(By.cssSelector("[data-testid='user-locked-switch']")).isSelected());
            chromium.executeScript("arguments[0].click();", locked);
            wait.until(driver -> !driver.findElement(By.cssSelector("[data-testid='user-locked-switch']")).isSelected());
            wait.until(driver -> Boolean.FALSE.equals(
                    realm.attackDetection().bruteForceUserStatus(agent.id()).get("disabled")));

            try (WebClient fresh = Browsers.htmlUnitFrom("127.0.0.172")) {
                assertTrue(LoginPage.open(fresh, server, Pkce.create()).signIn(agent.username(), agent.password())
                        .redirectedToApplication(), "the switch lifted the lock: a new browser signs in");
            }
        } finally {
            server.admin().realm("master").users().delete(adminId).close();
        }
    }

    /** A server admin of the master realm, as ops have. */
    private static String serverAdmin(KeycloakServer server, String username, String password) {
        RealmResource master = server.admin().realm("master");
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@casvp.test");
        user.setEmailVerified(true);
        user.setFirstName("Console");
        user.setLastName("Admin");
        user.setCredentials(List.of(PasswordReset.password(password)));
        String id;
        try (Response created = master.users().create(user)) {
            id = CreatedResponseUtil.getCreatedId(created);
        }
        master.users().get(id).roles().realmLevel().add(List.of(master.roles().get("admin").toRepresentation()));
        return id;
    }
}
