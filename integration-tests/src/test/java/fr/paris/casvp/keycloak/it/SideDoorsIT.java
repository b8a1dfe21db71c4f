package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.OidcTokens;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doors of the realm other than the sign-in page, tried as an attacker would, against the
 * realm as exported: each refuses, and the agent's own known browser keeps working after it.
 */
@CasvpIntegrationTest
class SideDoorsIT {

    /** Every client of the realm, Keycloak's built-in ones included (admin-cli, account-console, …). */
    @Test
    void noClientOfTheRealmTurnsTheRightPasswordIntoAToken(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        var realm = server.admin().realm(KeycloakServer.REALM);
        List<ClientRepresentation> clients = realm.clients().findAll();
        assertTrue(clients.stream().anyMatch(c -> "admin-cli".equals(c.getClientId())), "the built-in clients are there");
        for (ClientRepresentation client : clients) {
            String secret = client.isPublicClient() || Boolean.TRUE.equals(client.isBearerOnly()) ? null
                    : realm.clients().get(client.getId()).getSecret().getValue();
            OidcTokens.TokenResponse right = OidcTokens.passwordGrant(server, KeycloakServer.REALM, client.getClientId(),
                    secret, agent.username(), agent.password());
            OidcTokens.TokenResponse wrong = OidcTokens.passwordGrant(server, KeycloakServer.REALM, client.getClientId(),
                    secret, agent.username(), agent.password() + "x");
            assertFalse(right.body().has("access_token"), client.getClientId() + " gave a token: " + right.body());
            assertEquals(wrong.status(), right.status(), client.getClientId() + ": the right password is not told apart");
            assertEquals(wrong.body(), right.body(), client.getClientId() + ": the right password is not told apart");
            assertTrue(right.status() == 400 || right.status() == 401, client.getClientId() + ": " + right.status());
        }
        var adminCli = OidcTokens.passwordGrant(server, KeycloakServer.REALM, "admin-cli", null,
                agent.username(), agent.password());
        assertEquals(400, adminCli.status());
        assertEquals("unauthorized_client", adminCli.body().path("error").asText(), adminCli.body().toString());
        assertEquals(0, Events.of(server, agent.id(), "LOGIN").size(), "no sign-in was recorded");
    }

    /**
     * 110 wrong passwords through the password grant, as fast as the attacker can send them:
     * none is even checked, none counts, and the agent's own browser signs in at once.
     */
    @Test
    void aFloodOfPasswordGrantsNeitherCountsNorLocksTheAgentsBrowser(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient laptop = Browsers.htmlUnit("fr")) {
            SignIns.signIn(laptop, server, agent);
            for (int attempt = 0; attempt < 110; attempt++) {
                var answer = OidcTokens.passwordGrant(server, KeycloakServer.REALM, "admin-cli", null,
                        agent.username(), "Mauvais mot de passe " + attempt);
                assertEquals(400, answer.status(), answer.body().toString());
            }
            assertTrue(Events.of(server, agent.id(), "LOGIN_ERROR").isEmpty(), "no failure was counted for the agent");
            SignIns.signIn(laptop, server, agent);
        }
        assertEquals(2, Events.of(server, agent.id(), "LOGIN").size());
    }
}
