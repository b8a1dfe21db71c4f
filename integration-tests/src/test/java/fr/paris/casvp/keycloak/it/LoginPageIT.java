package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an agent sees on the casvp sign-in page, in French by default and in English on request. */
@CasvpIntegrationTest
class LoginPageIT {

    private static final String OFFICIAL_ADDRESS = "https://webmail.casvp.paris.fr/owa";

    @Test
    void browserWithoutAFrenchOrEnglishPreferenceGetsFrench(KeycloakServer server) throws Exception {
        try (WebClient browser = Browsers.htmlUnit("de-DE,de;q=0.9")) {
            LoginPage page = LoginPage.open(browser, server, Pkce.create());
            assertEquals(200, page.status());
            assertEquals("fr", page.lang());
            assertEquals("Connectez-vous à votre compte", page.text("kc-page-title"));
        }
    }

    @Test
    void pageShowsTheOfficialAddressAndAPhishingWarning(KeycloakServer server) throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage page = LoginPage.open(browser, server, Pkce.create());
            assertEquals(OFFICIAL_ADDRESS, page.text("casvp-official-address-value"));
            assertTrue(page.text("casvp-official-address").contains(OFFICIAL_ADDRESS));
            String warning = page.text("casvp-phishing-warning");
            assertNotNull(warning);
            assertTrue(warning.toLowerCase().contains("mot de passe"), warning);
        }
    }

    /** The header names the agency, over a logo ops replace with a child theme's file (docs/install.md). */
    @Test
    void headerNamesTheAgencyOverItsLogo(KeycloakServer server) throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage page = LoginPage.open(browser, server, Pkce.create());
            assertEquals("CASVP — Centre d’action sociale de la Ville de Paris", page.text("kc-header-wrapper"));
            String css = page.html().querySelectorAll("link[rel=stylesheet]").stream()
                    .map(link -> ((org.htmlunit.html.HtmlElement) link).getAttribute("href"))
                    .filter(href -> href.endsWith("/css/casvp.css")).findFirst().orElseThrow();
            String logo = css.replace("/css/casvp.css", "/img/casvp-logo.svg");
            org.htmlunit.WebResponse served = browser.loadWebResponse(new org.htmlunit.WebRequest(
                    new java.net.URL(new java.net.URL(server.baseUrl()), logo)));
            assertEquals(200, served.getStatusCode(), logo);
            assertTrue(served.getContentAsString().contains("<svg"), logo);
        }
    }

    @Test
    void footerLinksToSupportAndIndependentResources(KeycloakServer server) throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage page = LoginPage.open(browser, server, Pkce.create());
            assertNotNull(page.element("casvp-resources"));
            assertEquals("https://www.cada.fr", page.linkHref("casvp-link-cada"));
            assertEquals("https://www.defenseurdesdroits.fr", page.linkHref("casvp-link-defenseur"));
            for (String id : new String[] {"casvp-link-helpdesk", "casvp-link-union", "casvp-link-stopburnout"}) {
                String href = page.linkHref(id);
                assertNotNull(href, id);
                assertTrue(href.startsWith("https://") || href.startsWith("tel:"), id + " -> " + href);
            }
        }
    }

    @Test
    void uiLocalesEnShowsTheSamePageInEnglish(KeycloakServer server) throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            String french = LoginPage.open(browser, server, Pkce.create()).text("casvp-phishing-warning");
            LoginPage english = LoginPage.open(browser, server, Pkce.create(), Map.of("ui_locales", "en"));
            assertEquals("en", english.lang());
            assertEquals("Sign in to your account", english.text("kc-page-title"));
            assertEquals(OFFICIAL_ADDRESS, english.text("casvp-official-address-value"));
            assertNotEquals(french, english.text("casvp-phishing-warning"));
        }
    }

    @Test
    void languageSwitcherTurnsThePageToEnglishAndBack(KeycloakServer server) throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage page = LoginPage.open(browser, server, Pkce.create());
            assertEquals("fr", page.lang());
            assertEquals(List.of("Anglais (English)", "Français"), page.languageLabels());
            page.chooseLanguage("en");
            assertEquals("en", page.lang());
            assertEquals("Sign in to your account", page.text("kc-page-title"));
            assertTrue(page.isSignInForm());
            page.chooseLanguage("fr");
            assertEquals("fr", page.lang());
        }
    }
}
