package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import fr.paris.casvp.keycloak.it.support.Totp;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keycloak's recovery codes in the casvp flow: an agent who kept their printed codes gets
 * in from a new device with one of them, sets up a new authenticator app there (the phone is
 * taken as lost), and each code works once.
 */
@CasvpIntegrationTest
class RecoveryCodesIT {

    @Test
    void aRecoveryCodeLetsTheAgentInFromANewDeviceOnce(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("CONFIGURE_RECOVERY_AUTHN_CODES"));
        List<String> codes;
        try (WebClient own = Browsers.htmlUnit("fr")) {
            LoginPage.SignInResult first = LoginPage.open(own, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            assertNotNull(first.pageAgain(), "asked to keep recovery codes");
            HtmlPage setup = first.pageAgain().html();
            HtmlForm form = setup.getHtmlElementById("kc-recovery-codes-settings-form");
            codes = Arrays.asList(form.getInputByName("generatedRecoveryAuthnCodes").getValue().split(","));
            assertTrue(codes.size() >= 10, codes.toString());
            HtmlCheckBoxInput saved = setup.getHtmlElementById("kcRecoveryCodesConfirmationCheck");
            saved.setChecked(true);
            HtmlElement save = setup.getHtmlElementById("saveRecoveryAuthnCodesBtn");
            save.removeAttribute("disabled"); // the page's script enables it when the box is ticked
            assertNotNull(KeycloakForms.submit(own, server, save).redirect(), "codes saved, signed in");
        }

        try (WebClient newDevice = Browsers.htmlUnit("fr")) {
            HtmlPage ask = codeForm(newDevice, server, agent);
            KeycloakForms.Outcome in = enter(newDevice, server, ask, codes.get(0));
            assertNotNull(in.page(), "the first code is taken, then a new app is set up");
            assertNotNull(in.page().getElementById("kc-totp-settings-form"), in.page().asNormalizedText());
            assertNotNull(Totp.enrolAndContinue(newDevice, server, in.page()).outcome().redirect(), "then the agent is in");
        }
        try (WebClient another = Browsers.htmlUnit("fr")) {
            HtmlPage ask = codeForm(another, server, agent);
            KeycloakForms.Outcome reused = enter(another, server, ask, codes.get(0));
            assertNotNull(reused.page(), "a used code does not work twice");
            assertEquals(null, reused.redirect());
        }
    }

    private static HtmlPage codeForm(WebClient browser, KeycloakServer server, TestUsers.Agent agent) throws Exception {
        LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                .signIn(agent.username(), agent.password());
        assertNotNull(result.pageAgain(), "a new device: a second factor is asked");
        HtmlPage page = chooseRecoveryCode(browser, server, result.pageAgain().html());
        assertNotNull(page.getElementById("kc-recovery-code-login-form"), page.asNormalizedText());
        return page;
    }

    /** With an app too, Keycloak asks for its code first: "Essayer une autre méthode", then the recovery code. */
    private static HtmlPage chooseRecoveryCode(WebClient browser, KeycloakServer server, HtmlPage page) throws Exception {
        if (page.getElementById("kc-recovery-code-login-form") != null) {
            return page;
        }
        HtmlForm anotherWay = page.getHtmlElementById("kc-select-try-another-way-form");
        HtmlPage choices = browser.getPage(anotherWay.getWebRequest(null));
        String recoveryCodes = server.admin().realm(KeycloakServer.REALM).flows().getExecutions("casvp browser second factor")
                .stream().filter(e -> "auth-recovery-authn-code-form".equals(e.getProviderId())).findFirst()
                .orElseThrow().getId();
        for (HtmlForm choice : choices.getForms()) {
            if (choice.getInputsByName("authenticationExecution").stream().anyMatch(i -> recoveryCodes.equals(i.getValue()))) {
                return browser.getPage(choice.getWebRequest(null));
            }
        }
        throw new AssertionError("no recovery-code choice in " + choices.asNormalizedText());
    }

    private static KeycloakForms.Outcome enter(WebClient browser, KeycloakServer server, HtmlPage page, String code)
            throws Exception {
        HtmlForm form = page.getHtmlElementById("kc-recovery-code-login-form");
        form.getInputByName("recoveryCodeInput").setValue(code);
        return KeycloakForms.submit(browser, server, (HtmlElement) form.querySelector("[type=submit]"));
    }
}
