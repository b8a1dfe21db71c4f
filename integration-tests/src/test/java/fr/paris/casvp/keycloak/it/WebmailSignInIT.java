package fr.paris.casvp.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.OidcTokens;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An agent opens the webmail, signs in on the casvp page, and the webmail gets tokens. */
@CasvpIntegrationTest
class WebmailSignInIT {

    @Test
    void agentSignsInWithAuthorizationCodeAndPkceAndTheWebmailGetsTokens(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        Pkce pkce = Pkce.create();
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage page = LoginPage.open(browser, server, pkce);
            assertTrue(page.isSignInForm());

            LoginPage.SignInResult result = page.signIn(agent.username(), agent.password());

            assertTrue(result.redirectedToApplication(), "the agent should be sent back to the webmail");
            assertTrue(result.redirect().startsWith(server.webmailRedirectUri()), result.redirect());
            OidcTokens.TokenResponse tokens = OidcTokens.exchangeCode(server, result.code(),
                    server.webmailRedirectUri(), pkce.verifier());
            assertEquals(200, tokens.status(), tokens.body().toString());
            assertNotNull(tokens.body().get("access_token"));
            JsonNode claims = tokens.idTokenClaims();
            assertEquals(agent.username(), claims.path("preferred_username").asText());
            assertEquals(server.realmUrl(), claims.path("iss").asText());
        }
    }

    @Test
    void demoAgentCanSignIn(KeycloakServer server) throws Exception {
        Pkce pkce = Pkce.create();
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage.SignInResult result = LoginPage.open(browser, server, pkce)
                    .signIn("camille.martin", "Lanterne verte sur le quai 7");
            assertTrue(result.redirectedToApplication());
            assertEquals(200, OidcTokens.exchangeCode(server, result.code(), server.webmailRedirectUri(),
                    pkce.verifier()).status());
        }
    }

    @Test
    void codeWithoutTheMatchingVerifierIsRefused(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            OidcTokens.TokenResponse tokens = OidcTokens.exchangeCode(server, result.code(),
                    server.webmailRedirectUri(), Pkce.create().verifier());
            assertEquals(400, tokens.status());
            assertEquals("invalid_grant", tokens.body().path("error").asText());
        }
    }

    @Test
    void requestWithoutPkceIsSentBackToTheWebmailWithAnError(KeycloakServer server) throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            browser.getOptions().setRedirectEnabled(false);
            Page answer = browser.getPage(KeycloakForms.authUrl(server, null));
            String location = answer.getWebResponse().getResponseHeaderValue("Location");
            assertEquals(302, answer.getWebResponse().getStatusCode());
            assertTrue(location.startsWith(server.webmailRedirectUri()), location);
            assertEquals("invalid_request", OidcTokens.queryParam(location, "error"));
            assertNull(OidcTokens.queryParam(location, "code"));
        }
    }

    @Test
    void wrongPasswordKeepsTheAgentOnTheFormWithAFrenchMessage(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), "not the password at all");
            assertFalse(result.redirectedToApplication());
            assertEquals("Nom d'utilisateur ou mot de passe invalide.", result.pageAgain().inputError());
        }
    }
}
