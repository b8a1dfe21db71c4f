package fr.paris.casvp.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.OidcTokens;
import fr.paris.casvp.keycloak.it.support.PasswordReset;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The casvp realm's password policies, as admins and agents meet them. */
@CasvpIntegrationTest
class PasswordPolicyIT {

    @Test
    void adminApiRefusesAPasswordTooWeakForTheCnilFloorAndSaysWhy(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        JsonNode error = PasswordReset.refused(server.admin(), agent, "Qx7vRm2!Lpz9");
        assertEquals("casvp.passwordPolicy.entropy.tooWeak", error.path("error").asText());
        assertEquals("Password too easy to guess (strength 79 of the 80 required). Make it longer by a word or two, "
                + "or mix lower case, capitals, digits and symbols.", error.path("error_description").asText());
    }

    /**
     * A realm admin of casvp calling the admin API with their own account (signed in through the
     * browser with their app: the realm's password grant is closed) gets the same reason.
     */
    @Test
    void realmAdminUsingTheApiWithTheirOwnAccountGetsTheSameReason(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        TestUsers.Agent admin = TestUsers.create(server, "en");
        var realm = server.admin().realm(KeycloakServer.REALM);
        String management = realm.clients().findByClientId("realm-management").get(0).getId();
        realm.users().get(admin.id()).roles().clientLevel(management)
                .add(List.of(realm.clients().get(management).roles().get("realm-admin").toRepresentation()));
        String token = OidcTokens.ownAccessToken(server, admin.username(), admin.password());
        try (Keycloak realmAdmin = Keycloak.getInstance(server.baseUrl(), KeycloakServer.REALM,
                KeycloakServer.WEBMAIL_CLIENT_ID, token)) {
            JsonNode error = PasswordReset.refused(realmAdmin, agent, "Printemps-Azerty-92!");
            assertEquals("casvp.passwordPolicy.sequence.keyboard", error.path("error").asText());
            // the admin speaks English: Keycloak answers the API in the token's locale
            assertEquals("The password contains a run of neighbouring keyboard keys: “azerty”. "
                    + "Avoid keys next to each other.", error.path("error_description").asText());
        }
    }

    @Test
    void adminApiRefusesThePersonsOwnNameEvenDisguised(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        // TestUsers names every agent Dominique.
        JsonNode error = PasswordReset.refused(server.admin(), agent, "D0m1n1que au bord du canal");
        assertEquals("casvp.passwordPolicy.personal.identity", error.path("error").asText());
    }

    @Test
    void adminApiAcceptsALongPassphraseWithoutCapitals(KeycloakServer server) {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        PasswordReset.accepted(server.admin(), agent, "cheval correct pile agrafe");
    }

    @Test
    void updatePasswordPageExplainsTheRefusalInFrenchThenAcceptsAPassphrase(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        try (WebClient browser = Browsers.htmlUnit()) {
            UpdatePasswordPage page = UpdatePasswordPage.afterSignIn(browser, server, agent);
            assertEquals("fr", page.lang());
            String rules = page.rules();
            assertNotNull(rules, "the rules are shown before the agent types");
            assertTrue(rules.contains("au moins 12 caractères"), rules);
            assertTrue(rules.contains("ni votre nom"), rules);

            assertNull(page.submit("Qx7vRm2!Lpz9"));
            assertEquals("Mot de passe trop facile à deviner (robustesse 79 sur 80 demandés). "
                    + "Allongez-le d’un ou deux mots, ou mélangez minuscules, majuscules, chiffres et signes.",
                    page.error());

            assertNull(page.submit("Printemps-Azerty-92!"));
            assertEquals("Le mot de passe contient une suite de touches voisines du clavier : « azerty ». "
                    + "Évitez les touches qui se suivent.", page.error());

            assertNull(page.submit("!!!Motdepasse2026!!"));
            assertEquals("Votre mot de passe contient un mot trop courant : « motdepasse ». Ajouter des chiffres, une "
                    + "année ou des symboles autour ne suffit pas : choisissez plutôt une phrase de plusieurs mots "
                    + "sans lien entre eux.", page.error());

            String redirect = page.submit("lanterne bleue sous la pluie");
            assertNotNull(redirect, "a passphrase is accepted: " + page.error());
            assertTrue(redirect.startsWith(server.webmailRedirectUri()), redirect);
        }
    }

    @Test
    void updatePasswordPageSpeaksEnglishToAnEnglishSpeakingAgent(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "en", List.of("UPDATE_PASSWORD"));
        try (WebClient browser = Browsers.htmlUnit("en-GB,en;q=0.9")) {
            UpdatePasswordPage page = UpdatePasswordPage.afterSignIn(browser, server, agent);
            assertNull(page.submit("Abc135!Abc135!"));
            assertEquals("The password repeats the same group of characters: “abc135!”. "
                    + "Do not type the same thing twice.", page.error());
            assertNull(page.submit("Qx7!vRm"));
            assertEquals("Password too short: at least 12 characters. "
                    + "The easiest way: a sentence of four or five words.", page.error());
        }
    }

    /**
     * A password that breaks three rules (too weak, a run of digits, the agent's own name) gets
     * all three at once, on the page and through the admin API: Keycloak alone would give the
     * first policy it happens to check, and the agent would need three tries to learn them.
     */
    @Test
    void aPasswordBreakingThreeRulesGetsAllThreeReasonsAtOnce(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        String password = "Dominique1234"; // every test agent is called Dominique
        try (WebClient browser = Browsers.htmlUnit()) {
            UpdatePasswordPage page = UpdatePasswordPage.afterSignIn(browser, server, agent);
            assertNull(page.submit(password), "refused");
            String error = page.error();
            assertNotNull(error, page.text());
            assertTrue(error.startsWith("Ce mot de passe ne convient pas, pour "), error);
            assertTrue(error.contains("Mot de passe trop facile à deviner"), error);
            assertTrue(error.contains("une suite de chiffres : « 1234 »"), error);
            assertTrue(error.contains("votre prénom ou votre nom"), error);
        }
        JsonNode refused = PasswordReset.refused(server.admin(), agent, password);
        assertEquals("casvp.passwordPolicy.several", refused.path("error").asText());
        String description = refused.path("error_description").asText();
        assertTrue(description.contains("(1)") && description.contains("(2)") && description.contains("(3)"), description);
    }
}
