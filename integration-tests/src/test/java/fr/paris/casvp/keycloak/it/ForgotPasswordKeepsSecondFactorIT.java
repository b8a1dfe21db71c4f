package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ForgotPassword;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import fr.paris.casvp.keycloak.it.support.Totp;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The casvp reset-credentials flow: a mailbox is not enough to get past the second
 * factor. After the mail's link, an agent with a one-time code must enter it before
 * choosing a new password; the factor is never removed nor re-enrolled there.
 */
@CasvpIntegrationTest
class ForgotPasswordKeepsSecondFactorIT {

    @Test
    void anAgentWithAOneTimeCodeMustEnterItAfterTheMailLink(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("CONFIGURE_TOTP"));
        String secret;
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            LoginPage.SignInResult first = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            secret = Totp.enrol(browser, server, first.pageAgain().html());
        }
        String credentialId = otpCredentialId(server, agent);

        try (WebClient mailbox = Browsers.htmlUnit("fr")) {
            HtmlPage afterLink = ForgotPassword.followMailLink(mailbox, server, agent);
            assertNotNull(afterLink.getElementById("kc-otp-login-form"), "the one-time code first: "
                    + afterLink.asNormalizedText());
            assertNull(afterLink.getElementById("kc-passwd-update-form"), "no new password before the code");
            assertNull(afterLink.getElementById("kc-totp-settings-form"), "no way to enrol another factor instead");

            HtmlPage wrong = submitCode(mailbox, server, afterLink, "000000".equals(Totp.code(secret)) ? "111111" : "000000");
            assertNotNull(wrong.getElementById("kc-otp-login-form"), "a wrong code is refused");

            HtmlPage update = submitCode(mailbox, server, wrong, Totp.code(secret, 1));
            String newPassword = TestUsers.passphrase();
            assertNotNull(new UpdatePasswordPage(mailbox, server, update).submit(newPassword), "then a new password");
        }
        assertEquals(credentialId, otpCredentialId(server, agent), "the one-time-code app is kept, unchanged");
    }

    private static HtmlPage submitCode(WebClient browser, KeycloakServer server, HtmlPage page, String code)
            throws Exception {
        HtmlForm form = page.getHtmlElementById("kc-otp-login-form");
        form.getInputByName("otp").setValue(code);
        KeycloakForms.Outcome outcome = KeycloakForms.submit(browser, server,
                (org.htmlunit.html.HtmlElement) form.querySelector("[type=submit]"));
        assertNotNull(outcome.page(), "stays in Keycloak");
        return outcome.page();
    }

    private static String otpCredentialId(KeycloakServer server, TestUsers.Agent agent) {
        return server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).credentials().stream()
                .filter(c -> "otp".equals(c.getType())).map(c -> c.getId()).findFirst()
                .orElseThrow(() -> new AssertionError("no one-time-code credential"));
    }
}
