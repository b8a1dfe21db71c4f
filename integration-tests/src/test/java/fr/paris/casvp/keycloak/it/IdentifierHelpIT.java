package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.PasswordReset;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.ws.rs.core.Response;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Agents who type their identifier differently still get in, and a wrong format gets a reminder. */
@CasvpIntegrationTest
class IdentifierHelpIT {

    private static final String GENERIC = "Nom d'utilisateur ou mot de passe invalide.";
    private static final String WITH_HINT = "Nom d’utilisateur ou mot de passe invalide. Votre identifiant CASVP a la "
            + "forme prénom.nom (par exemple camille.martin), sans accents ni espaces.";

    @Test
    void spacesCapitalsAndTheAgencyMailDomainAreForgiven(KeycloakServer server) throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                    .signIn("  Camille.Martin@CASVP.paris.fr ", "Lanterne verte sur le quai 7");
            assertTrue(result.redirectedToApplication(), "signed in as camille.martin");
        }
    }

    @Test
    void identifierWithoutTheExpectedFormatGetsTheSameReminderWhetherOrNotTheAccountExists(KeycloakServer server)
            throws Exception {
        String existing = createAgentWithoutDot(server);
        String unknown = "zz" + UUID.randomUUID().toString().substring(0, 8).replaceAll("\\d", "q");

        String forExisting = refusal(server, existing, "not the password at all");
        String forUnknown = refusal(server, unknown, "not the password at all");

        assertEquals(WITH_HINT, forExisting);
        assertEquals(forExisting, forUnknown, "the answer never tells whether the account exists");
    }

    @Test
    void identifierWithTheExpectedFormatGetsTheUsualMessage(KeycloakServer server) throws Exception {
        assertEquals(GENERIC, refusal(server, "personne.inconnue", "not the password at all"));
    }

    private static String refusal(KeycloakServer server, String identifier, String password) throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create()).signIn(identifier, password);
            return result.pageAgain().inputError();
        }
    }

    private static String createAgentWithoutDot(KeycloakServer server) {
        String username = "jdupont" + UUID.randomUUID().toString().substring(0, 6).replaceAll("\\d", "x")
                .toLowerCase(Locale.ROOT);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@casvp.test");
        user.setFirstName("Jean");
        user.setLastName("Dupont");
        user.setEnabled(true);
        user.setCredentials(List.of(PasswordReset.password(TestUsers.passphrase())));
        try (Response response = server.admin().realm(KeycloakServer.REALM).users().create(user)) {
            CreatedResponseUtil.getCreatedId(response);
        }
        return username;
    }
}
