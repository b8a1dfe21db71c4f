package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.support.Axe;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ChromiumExtension;
import fr.paris.casvp.keycloak.it.support.ForgotPassword;
import fr.paris.casvp.keycloak.it.support.Keyboard;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.NextPage;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RGAA 12.8 / 7.3 (WCAG 2.1.1, 2.4.3): every journey of the agent's pages done with the keyboard
 * alone (Tab, typing, Enter, Space, arrows; the test never clicks nor picks a field), on a large
 * screen and at 320 px (400 % zoom), with axe at each page it reaches ({@link Axe}: no serious or
 * critical violation, no sideways scrolling, the rest in {@code target/it/axe/}; a screenshot
 * of each page at 320 px).
 */
@CasvpIntegrationTest
@ExtendWith(ChromiumExtension.class)
class KeyboardOnlyInChromiumIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private ChromeDriver chromium;
    private Keyboard keyboard;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser(ChromeDriver opened) {
        chromium = opened;
        keyboard = new Keyboard(opened);
        wait = new WebDriverWait(opened, WAIT);
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1280, 320})
    void aWrongPasswordThenTheRightOne(int width, KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        openSignIn(server, width);
        Axe.check(chromium, "sign-in", width);
        keyboard.tabTo("username").type(agent.username()).tabTo("password").type("pas le bon mot de passe");
        submitWith(Keys.ENTER, By.id("input-error-username"));
        Axe.check(chromium, "sign-in-wrong-password", width);

        // Keycloak keeps the identifier typed; the password is typed again
        assertEquals(agent.username(), chromium.findElement(By.id("username")).getDomProperty("value"));
        keyboard.tabTo("password").type(agent.password() + Keys.ENTER);
        awaitApplication(server);
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1280, 320})
    void aNewPasswordRefusedThenAccepted(int width, KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        openSignIn(server, width);
        keyboard.tabTo("username").type(agent.username()).tabTo("password").type(agent.password());
        submitWith(Keys.ENTER, By.id("password-new"));
        Axe.check(chromium, "new-password", width);

        keyboard.tabTo("password-new").type("azerty").tabTo("password-confirm").type("azerty");
        submitWith(Keys.ENTER, By.id("password-new"));
        // every rule it breaks, at once
        assertTrue(refusal().contains("trop court") && refusal().contains("touches voisines"), refusal());
        Axe.check(chromium, "new-password-refused", width);

        String passphrase = TestUsers.passphrase();
        keyboard.tabTo("password-new").type(passphrase).tabTo("password-confirm").type(passphrase);
        keyboard.tabTo("kc-submit").press(Keys.SPACE);
        awaitApplication(server);
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1280, 320})
    void forgotPasswordFromTheLinkToTheNewPassword(int width, KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);
        openSignIn(server, width);
        keyboard.tabTo(By.cssSelector("a[href*='reset-credentials']"));
        submitWith(Keys.ENTER, By.id("kc-reset-password-form"));
        Axe.check(chromium, "forgot-password", width);

        keyboard.tabTo("username").type(agent.username());
        submitWith(Keys.ENTER, By.id("casvp-recovery-code-form"));
        Axe.check(chromium, "forgot-password-code", width);

        keyboard.tabTo("code").type(ForgotPassword.mailedCode(server, recovery, 1));
        submitWith(Keys.ENTER, By.id("kc-passwd-update-form"));
        Axe.check(chromium, "forgot-password-new", width);

        String passphrase = TestUsers.passphrase();
        keyboard.tabTo("password-new").type(passphrase).tabTo("password-confirm").type(passphrase);
        submitWith(Keys.ENTER, By.id("kc-info-message"));
        Axe.check(chromium, "forgot-password-done", width);
        assertTrue(chromium.findElement(By.id("kc-info-message")).getText().contains("votre compte est à jour"));
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1280, 320})
    void onANewDeviceTheMailedCode(int width, KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        signInWithTheKeyboard(server, width, agent);
        awaitApplication(server); // the first device
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);

        chromium.executeCdpCommand("Network.clearBrowserCookies", Map.of()); // a new device for the server
        signInWithTheKeyboard(server, width, agent);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("casvp-email-code-form")));
        Axe.check(chromium, "email-code", width);
        keyboard.tabTo("code").type(Mailbox.signInCode(server.mail(), recovery, WAIT) + Keys.ENTER);
        awaitApplication(server);
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1280, 320})
    void theRecoveryAddressAndItsCode(int width, KeycloakServer server) throws Exception {
        RealmSettings.recoveryAddressPrompt(server.admin(), true);
        try {
            TestUsers.Agent agent = TestUsers.create(server, "fr");
            signInWithTheKeyboard(server, width, agent);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("casvp-recovery-address-form")));
            Axe.check(chromium, "recovery-address", width);

            String personal = agent.username() + "@perso.example";
            keyboard.tabTo("recoveryEmail").type(personal).tabTo("casvp-recovery-address-send");
            submitWith(Keys.SPACE, By.id("casvp-recovery-address-sent"));
            Axe.check(chromium, "recovery-address-code", width);

            keyboard.tabTo("code").type(ForgotPassword.mailedCode(server, personal, 1) + Keys.ENTER);
            awaitApplication(server);
        } finally {
            RealmSettings.recoveryAddressPrompt(server.admin(), false);
        }
    }

    /** The language menu, then the English page, with arrows: the agent who reads English best. */
    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1280, 320})
    void inEnglishFromTheLanguageMenu(int width, KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        openSignIn(server, width);
        keyboard.tabTo("login-select-toggle");
        // the menu lists "Anglais (English)" above "Français": one arrow up changes the page
        submitWith(Keys.ARROW_UP, By.id("kc-form-login"));
        assertEquals("en", chromium.findElement(By.tagName("html")).getDomAttribute("lang"));
        Axe.check(chromium, "sign-in-en", width);
        assertEquals("Sign in — CASVP", chromium.getTitle());

        keyboard.tabTo("username").type(agent.username()).tabTo("password").type(agent.password() + Keys.ENTER);
        awaitApplication(server);
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {1280, 320})
    void anOutdatedBrowserGoesOnWithTheKeyboard(int width, KeycloakServer server) throws Exception {
        chromium.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.130 Safari/537.36"));
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        chromium.manage().window().setSize(new Dimension(width, 900));
        chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("casvp-outdated-browser")));
        Axe.check(chromium, "outdated-browser", width);
        keyboard.tabTo("casvp-continue");
        submitWith(Keys.SPACE, By.id("kc-form-login"));
        keyboard.tabTo("username").type(agent.username()).tabTo("password").type(agent.password() + Keys.ENTER);
        awaitApplication(server);
    }

    private void openSignIn(KeycloakServer server, int width) {
        chromium.manage().window().setSize(new Dimension(width, 900));
        chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
    }

    private void signInWithTheKeyboard(KeycloakServer server, int width, TestUsers.Agent agent) {
        openSignIn(server, width);
        keyboard.tabTo("username").type(agent.username()).tabTo("password").type(agent.password() + Keys.ENTER);
    }

    /** Presses the key on what has the focus, then waits for the next page to show this element. */
    private void submitWith(Keys key, By onTheNextPage) {
        NextPage.after(chromium, WAIT, () -> keyboard.press(key));
        wait.until(ExpectedConditions.presenceOfElementLocated(onTheNextPage));
    }

    /** Why the new password was refused: under the field, or in Keycloak's alert. */
    private String refusal() {
        List<WebElement> refusal = chromium.findElements(
                By.cssSelector("#input-error-password-new, .pf-v5-c-alert.pf-m-danger .kc-feedback-text"));
        return refusal.isEmpty() ? "" : refusal.get(0).getText();
    }

    /** The sign-in ends at the webmail's redirect URI with a code (nothing listens there: only the URL counts). */
    private void awaitApplication(KeycloakServer server) {
        wait.until(driver -> driver.getCurrentUrl().startsWith(server.webmailRedirectUri()));
        assertTrue(chromium.getCurrentUrl().contains("code="), chromium.getCurrentUrl());
    }
}
