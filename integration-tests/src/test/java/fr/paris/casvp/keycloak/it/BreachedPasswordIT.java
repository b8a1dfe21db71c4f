package fr.paris.casvp.keycloak.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage;
import fr.paris.casvp.keycloak.it.support.BreachRangeServer;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.ws.rs.BadRequestException;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * casvp-breached in the casvp realm, asking a local range-API server (as an
 * organisation's own mirror would answer), including when that server fails.
 */
@CasvpIntegrationTest
class BreachedPasswordIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakServer server;
    private String originalPolicy;

    @AfterEach
    void restore() {
        if (server != null) {
            server.breachRange().mode(BreachRangeServer.Mode.NORMAL);
            if (originalPolicy != null) {
                setPolicy(server, originalPolicy);
            }
        }
    }

    @Test
    void realmExportAsksTheConfiguredRangeApi(KeycloakServer server) {
        String policy = server.admin().realm(KeycloakServer.REALM).toRepresentation().getPasswordPolicy();
        assertTrue(policy.contains("casvp-breached(url=" + server.breachRange().url()), policy);
    }

    @Test
    void agentCannotPickABreachedPasswordAndIsToldWhyInFrench(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            UpdatePasswordPage page = new UpdatePasswordPage(browser, result.pageAgain().html());
            assertNull(page.submit(BreachRangeServer.BREACHED.get(0)));
            assertTrue(page.error().startsWith("Ce mot de passe figure dans des listes de mots de passe volés"),
                    page.error());
            assertNotNull(page.submit(TestUsers.passphrase()), "an unlisted passphrase is accepted: " + page.error());
        }
    }

    @Test
    void adminApiRefusesABreachedPassword(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        assertEquals("casvp.passwordPolicy.breached", resetPasswordError(server, agent, BreachRangeServer.BREACHED.get(1)));
    }

    @Test
    void slowRangeApiDoesNotHoldThePasswordChangeAndFailsOpenByDefault(KeycloakServer server) {
        this.server = server;
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        server.breachRange().mode(BreachRangeServer.Mode.SLOW);
        int logLength = server.serverLog().length();
        long start = System.nanoTime();
        // Listed, but the API does not answer within the 2 s bound: accepted (onError=accept).
        server.admin().realm(KeycloakServer.REALM).users().get(agent.id())
                .resetPassword(password(BreachRangeServer.BREACHED.get(0)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("password change with a stalled range API took %d ms (bound 2000 ms)%n", millis);
        assertTrue(server.serverLog().substring(logLength).contains("casvp-breached: breach check not done"),
                "the failure is logged");
    }

    @Test
    void brokenRangeApiRefusesWhenTheRealmFailsClosed(KeycloakServer server) throws Exception {
        this.server = server;
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        originalPolicy = server.admin().realm(KeycloakServer.REALM).toRepresentation().getPasswordPolicy();
        setPolicy(server, originalPolicy.replace("onError=accept", "onError=reject"));
        server.breachRange().mode(BreachRangeServer.Mode.BROKEN);
        assertEquals("casvp.passwordPolicy.breachedUnavailable",
                resetPasswordError(server, agent, "zèbre nocturne et café brûlant"));
    }

    private static void setPolicy(KeycloakServer server, String policy) {
        RealmRepresentation realm = server.admin().realm(KeycloakServer.REALM).toRepresentation();
        realm.setPasswordPolicy(policy);
        server.admin().realm(KeycloakServer.REALM).update(realm);
    }

    private static String resetPasswordError(KeycloakServer server, TestUsers.Agent agent, String password)
            throws Exception {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> server.admin()
                .realm(KeycloakServer.REALM).users().get(agent.id()).resetPassword(password(password)));
        return JSON.readTree(refused.getResponse().readEntity(String.class)).path("error").asText();
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }
}
