package fr.paris.casvp.keycloak.it.support;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The recovery-address prompt (`casvp-recovery-address`, enabled by the test), as agents and intruders meet it. */
public final class RecoveryAddressPrompt {

    private RecoveryAddressPrompt() {
    }

    /**
     * The intruder's way in: the agent signs in on their first device and answers "later";
     * then whoever has the password, on a new device, is made to give an address (no "later"
     * there) and gives their own, confirmed with the code mailed to it.
     */
    public static void intruderGivesOwnAddress(KeycloakServer server, TestUsers.Agent agent, String address)
            throws Exception {
        try (WebClient own = Browsers.htmlUnit("fr")) {
            HtmlPage prompt = LoginPage.open(own, server, Pkce.create())
                    .signIn(agent.username(), agent.password()).pageAgain().html();
            assertNotNull(KeycloakForms.submit(own, server, prompt.getHtmlElementById("casvp-recovery-address-later"))
                    .redirect(), "the agent's first device: later");
        }
        try (WebClient intruder = Browsers.htmlUnit("fr")) {
            HtmlPage forced = LoginPage.open(intruder, server, Pkce.create())
                    .signIn(agent.username(), agent.password()).pageAgain().html();
            assertNull(forced.getElementById("casvp-recovery-address-later"), "a new device must give an address");
            forced.<HtmlForm>getHtmlElementById("casvp-recovery-address-form").getInputByName("recoveryEmail")
                    .setValue(address);
            HtmlPage codePage = KeycloakForms.submit(intruder, server,
                    forced.getHtmlElementById("casvp-recovery-address-send")).page();
            codePage.<HtmlForm>getHtmlElementById("casvp-recovery-address-form").getInputByName("code")
                    .setValue(ForgotPassword.mailedCode(server, address, 1));
            assertNotNull(KeycloakForms.submit(intruder, server,
                    codePage.getHtmlElementById("casvp-recovery-address-verify")).redirect(),
                    "the intruder is in, with their own address");
        }
    }
}
