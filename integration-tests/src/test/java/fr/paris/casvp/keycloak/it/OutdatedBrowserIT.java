package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Agents on a browser too old for the webmail are told which browsers are supported. */
@CasvpIntegrationTest
class OutdatedBrowserIT {

    private static final String OLD_CHROME = "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/79.0.3945.130 Safari/537.36";

    @Test
    void oldBrowserIsWarnedInFrenchAndMayContinueToSignIn(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnit("fr-FR,fr;q=0.9", OLD_CHROME)) {
            HtmlPage warning = openSignIn(browser, server);
            assertEquals(200, warning.getWebResponse().getStatusCode());
            assertEquals("Vous utilisez Chrome 79.", text(warning, "casvp-outdated-browser-detected"));
            assertTrue(text(warning, "casvp-supported-browsers").contains("Firefox 115 ou plus récent"),
                    text(warning, "casvp-supported-browsers"));
            assertNull(warning.getElementById("kc-form-login"), "the password is not asked yet");

            HtmlPage signIn = warning.getHtmlElementById("casvp-continue").click();
            assertNotNull(signIn.getElementById("kc-form-login"), "continue leads to the sign-in form");
        }
    }

    @Test
    void currentBrowserGoesStraightToTheSignInForm(KeycloakServer server) throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            assertNotNull(openSignIn(browser, server).getElementById("kc-form-login"));
        }
    }

    @Test
    void whenTheRealmBlocksOldBrowsersThereIsNoWayOn(KeycloakServer server) throws Exception {
        RealmResource realm = server.admin().realm(KeycloakServer.REALM);
        AuthenticatorConfigRepresentation config = RealmSettings.stepSettings(realm, "casvp-outdated-browser").get(0);
        Map<String, String> original = new LinkedHashMap<>(config.getConfig());
        config.getConfig().put("block", "true");
        realm.flows().updateAuthenticatorConfig(config.getId(), config);
        try (WebClient browser = Browsers.htmlUnit("en-GB,en;q=0.9", OLD_CHROME)) {
            HtmlPage page = openSignIn(browser, server);
            assertEquals(403, page.getWebResponse().getStatusCode());
            assertEquals("You are using Chrome 79.", text(page, "casvp-outdated-browser-detected"));
            assertNull(page.getElementById("casvp-continue"), "no way on");
        } finally {
            config.setConfig(original);
            realm.flows().updateAuthenticatorConfig(config.getId(), config);
        }
    }

    @Test
    void markupInTheUserAgentNeverReachesThePage(KeycloakServer server) throws Exception {
        String hostile = "Mozilla/5.0 <script>alert(1)</script> Chrome/79.0.1 \"><img src=x onerror=alert(2)>";
        try (WebClient browser = Browsers.htmlUnit("fr-FR", hostile)) {
            HtmlPage page = openSignIn(browser, server);
            String html = page.getWebResponse().getContentAsString();
            assertFalse(html.contains("<script>alert(1)"), "no raw markup from the User-Agent");
            assertFalse(html.contains("onerror=alert(2)>"), "no raw markup from the User-Agent");
        }
    }

    private static HtmlPage openSignIn(WebClient browser, KeycloakServer server) throws Exception {
        return browser.getPage(KeycloakForms.authUrl(server, Pkce.create()));
    }

    private static String text(HtmlPage page, String id) {
        return page.getElementById(id).getTextContent().replaceAll("\\s+", " ").trim();
    }
}
