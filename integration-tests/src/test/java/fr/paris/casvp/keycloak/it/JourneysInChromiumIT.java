package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.support.Axe;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ChromiumExtension;
import fr.paris.casvp.keycloak.it.support.ForgotPassword;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.NotMe;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.Screenshots;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's journeys in a real engine (Debian Chromium), page by page, keeping a
 * screenshot of each for the docs: the sign-in with a security key set up on the spot
 * (Chromium's virtual WebAuthn authenticator), the VPN page, the recovery address prompt,
 * and "mot de passe oublié" from the identifier to the new password.
 */
@CasvpIntegrationTest
@ExtendWith(ChromiumExtension.class)
class JourneysInChromiumIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private ChromeDriver chromium;

    @BeforeEach
    void openBrowser(ChromeDriver opened) {
        chromium = opened;
    }

    @Test
    void signInSettingUpASecurityKeyThenUsingItOnANewDevice(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("webauthn-register"));
        VirtualAuthenticator key = chromium.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true));

        chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
        waitFor(By.id("kc-form-login"));
        shot("signin-1-login");
        signIn(agent.username(), agent.password());

        waitFor(By.id("registerWebAuthn"));
        shot("signin-2-security-key-setup");
        chromium.findElement(By.id("registerWebAuthn")).click();
        nameTheKey("Clé USB");
        awaitRedirect(server);
        assertEquals(1, key.getCredentials().size(), "the key holds one credential for the casvp realm");

        // every cookie gone (the page is the webmail's, unreachable here): a new device for the server
        chromium.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
        chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
        waitFor(By.id("kc-form-login"));
        signIn(agent.username(), agent.password());
        waitFor(By.id("authenticateWebAuthnButton"));
        shot("signin-3-security-key");
        chromium.findElement(By.id("authenticateWebAuthnButton")).click();
        awaitRedirect(server);
    }

    @Test
    void anOldBrowserIsWarnedThenGoesOn(KeycloakServer server) throws Exception {
        chromium.executeCdpCommand("Network.setUserAgentOverride", java.util.Map.of("userAgent",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.130 Safari/537.36"));
        chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
        WebElement warning = waitFor(By.id("casvp-outdated-browser"));
        assertTrue(warning.getText().contains("79"), warning.getText());
        shot("signin-outdated-browser");
        chromium.findElement(By.id("casvp-continue")).click();
        waitFor(By.id("kc-form-login"));
    }

    @Test
    void onANewDeviceACodeGoesToTheRecoveryAddress(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
        waitFor(By.id("kc-form-login"));
        signIn(agent.username(), agent.password());
        awaitRedirect(server); // the first device
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);

        chromium.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
        chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
        waitFor(By.id("kc-form-login"));
        signIn(agent.username(), agent.password());
        waitFor(By.id("casvp-email-code-form"));
        shot("signin-email-code");
        chromium.findElement(By.id("code")).sendKeys(Mailbox.signInCode(server.mail(), recovery, WAIT));
        chromium.findElement(By.id("casvp-email-code-submit")).click();
        awaitRedirect(server);

        // the alert of that new device, and its "this wasn't me" pages
        chromium.get(NotMe.linkOfAlertTo(server, agent.email(), WAIT));
        waitFor(By.cssSelector("#casvp-not-me[data-step='confirm']"));
        shot("not-me-1-confirm");
        chromium.findElement(By.id("casvp-not-me-confirm")).click();
        waitFor(By.cssSelector("#casvp-not-me[data-step='done']"));
        shot("not-me-2-done");
    }

    @Test
    void outsideTheTrustedNetworksTheVpnPageAnswers(KeycloakServer server) throws Exception {
        var realm = server.admin().realm(KeycloakServer.REALM);
        String saved = RealmSettings.trustedNetworks(realm);
        RealmSettings.setTrustedNetworks(realm, "10.0.0.0/8"); // Chromium's 127.0.0.1 is outside now
        try {
            TestUsers.Agent agent = TestUsers.create(server, "fr");
            chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
            waitFor(By.id("kc-form-login"));
            signIn(agent.username(), agent.password());
            WebElement page = waitFor(By.id("casvp-vpn-required"));
            shot("signin-vpn-required");
            assertTrue(page.getText().contains("VPN"), page.getText());
        } finally {
            RealmSettings.setTrustedNetworks(realm, saved);
        }
    }

    @Test
    void theRecoveryAddressIsAskedThenConfirmedWithACode(KeycloakServer server) throws Exception {
        RealmSettings.recoveryAddressPrompt(server.admin(), true);
        try {
            TestUsers.Agent agent = TestUsers.create(server, "fr");
            chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
            waitFor(By.id("kc-form-login"));
            signIn(agent.username(), agent.password());
            waitFor(By.id("casvp-recovery-address-form"));
            shot("recovery-address-1-prompt");
            String personal = agent.username() + "@perso.example";
            chromium.findElement(By.id("recoveryEmail")).sendKeys(personal);
            chromium.findElement(By.id("casvp-recovery-address-send")).click();
            waitFor(By.id("casvp-recovery-address-sent"));
            shot("recovery-address-2-code");
            chromium.findElement(By.id("code")).sendKeys(ForgotPassword.mailedCode(server, personal, 1));
            chromium.findElement(By.id("casvp-recovery-address-verify")).click();
            awaitRedirect(server);
        } finally {
            RealmSettings.recoveryAddressPrompt(server.admin(), false);
        }
    }

    @Test
    void forgotPasswordFromTheIdentifierToTheNewPassword(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);
        chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
        waitFor(By.id("kc-form-login"));
        chromium.findElement(By.cssSelector("a[href*='reset-credentials']")).click();
        waitFor(By.id("kc-reset-password-form"));
        shot("forgot-1-identifier");
        chromium.findElement(By.id("username")).sendKeys(agent.username());
        chromium.findElement(By.cssSelector("#kc-reset-password-form [type=submit]")).click();

        waitFor(By.id("casvp-recovery-code-form"));
        shot("forgot-2-code");
        chromium.findElement(By.id("code")).sendKeys(ForgotPassword.mailedCode(server, recovery, 1));
        chromium.findElement(By.id("casvp-recovery-code-submit")).click();

        waitFor(By.id("kc-passwd-update-form"));
        String password = TestUsers.passphrase();
        chromium.findElement(By.id("password-new")).sendKeys(password);
        chromium.findElement(By.id("password-confirm")).sendKeys(password);
        shot("forgot-3-new-password");
        chromium.findElement(By.id("kc-submit")).click();

        // the recovery ends signed out: the agent signs in afresh, with the new password
        waitFor(By.id("kc-info-message"));
        shot("forgot-4-done");
        assertTrue(chromium.findElement(By.id("kc-info-message")).getText().contains("votre compte est à jour"),
                chromium.findElement(By.id("kc-info-message")).getText());
        chromium.get(KeycloakForms.authUrl(server, Pkce.create()));
        waitFor(By.id("kc-form-login"));
        signIn(agent.username(), password);
        awaitRedirect(server);
    }

    private void signIn(String username, String password) {
        chromium.findElement(By.id("username")).sendKeys(username);
        chromium.findElement(By.id("password")).sendKeys(password);
        chromium.findElement(By.id("kc-login")).click();
    }

    /** Keycloak asks for the key's name in a prompt after it is created. */
    private void nameTheKey(String label) {
        try {
            Alert prompt = new WebDriverWait(chromium, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
            prompt.sendKeys(label);
            prompt.accept();
        } catch (org.openqa.selenium.TimeoutException | NoAlertPresentException noPrompt) {
            // this Keycloak version names it by itself
        }
    }

    /** The sign-in ends at the webmail's redirect URI with a code (nothing listens there: only the URL counts). */
    private void awaitRedirect(KeycloakServer server) {
        String redirect = server.webmailRedirectUri();
        new WebDriverWait(chromium, WAIT).until(driver -> driver.getCurrentUrl().startsWith(redirect));
        assertTrue(chromium.getCurrentUrl().contains("code="), chromium.getCurrentUrl());
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(chromium, WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    /** The page's card (form and the safety notes under it), as the docs show it; axe's rules on the page first. */
    private void shot(String name) throws Exception {
        Axe.check(chromium, name);
        List<WebElement> card = chromium.findElements(By.cssSelector("main"));
        Screenshots.save(card.isEmpty() ? chromium : card.get(0), name);
    }
}
