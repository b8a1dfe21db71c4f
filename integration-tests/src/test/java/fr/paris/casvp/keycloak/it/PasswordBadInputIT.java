package fr.paris.casvp.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.PasswordReset;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input no policy should process gets a clear refusal, not a stack trace. */
@CasvpIntegrationTest
class PasswordBadInputIT {

    @ParameterizedTest(name = "{0} is refused with {1}")
    @CsvSource(textBlock = """
            one megabyte,             casvp.passwordPolicy.tooLong
            control character,        casvp.passwordPolicy.controlCharacter
            """)
    void adminApiRefusesUnusablePasswordsWithAMessage(String kind, String expectedKey, KeycloakServer server)
            throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String password = switch (kind) {
            case "one megabyte" -> "lanterne ".repeat(1 << 17);
            case "control character" -> "lanterne\u0000verte sur le quai";
            default -> throw new IllegalArgumentException(kind);
        };
        int logLength = server.serverLog().length();
        long start = System.nanoTime();
        JsonNode error = PasswordReset.refused(server.admin(), agent, password);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(expectedKey, error.path("error").asText());
        assertFalse(error.path("error_description").asText().startsWith("casvp."), "a sentence, not a key");
        System.out.printf("%s refused by the admin API in %d ms%n", kind, millis);
        assertNoStackTraceSince(server, logLength);
    }

    @Test
    void adminApiRefusesAnEmptyPassword(KeycloakServer server) {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        assertEquals("Empty password not allowed",
                PasswordReset.refused(server.admin(), agent, "").path("error").asText(), "Keycloak's own refusal");
    }

    @Test
    void updatePasswordPageRefusesAControlCharacterWithAPlainMessage(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        try (WebClient browser = Browsers.htmlUnit()) {
            UpdatePasswordPage page = UpdatePasswordPage.afterSignIn(browser, server, agent);
            int logLength = server.serverLog().length();
            assertNull(page.submit("lanterne\tverte sur le quai"));
            assertEquals("Le mot de passe contient un caractère invisible (retour à la ligne, tabulation…). "
                    + "Retapez-le sans ce caractère.", page.error());
            assertNoStackTraceSince(server, logLength);
        }
    }

    @Test
    void updatePasswordPageRefusesAHugePasswordWithoutAStackTrace(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        try (WebClient browser = Browsers.htmlUnit()) {
            UpdatePasswordPage page = UpdatePasswordPage.afterSignIn(browser, server, agent);
            int logLength = server.serverLog().length();
            String redirect = page.submit("lanterne ".repeat(1 << 17));
            assertNull(redirect, "a 1 MB password is never accepted");
            // Keycloak refuses a form this large itself (413) with its error page in the casvp
            // theme, before any policy runs; smaller oversize input gets the policy message.
            assertTrue(page.text().startsWith("413 "), page.text());
            assertEquals("fr", page.lang());
            assertNoStackTraceSince(server, logLength);
        }
    }

    private static void assertNoStackTraceSince(KeycloakServer server, int offset) {
        String added = server.serverLog().substring(offset);
        assertTrue(added.lines().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception:")),
                "no stack trace in the server log:\n" + added);
    }
}
