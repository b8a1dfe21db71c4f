package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ForgotPassword;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each page says where the agent is in its title (WCAG 2.4.2, RGAA 8.6) — the browser tab, the
 * first thing a screen reader reads — and the identifier field is named as the agency names it.
 */
@CasvpIntegrationTest
class PageTitlesIT {

    @ParameterizedTest(name = "{0}: \"{1}\", field \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            fr | Connexion — CASVP | Identifiant CASVP (prénom.nom)
            en | Sign in — CASVP   | CASVP identifier (firstname.lastname)
            """)
    void theSignInPageSaysSoAndNamesTheIdentifierAsTheAgencyDoes(String locale, String title, String label,
                                                                  KeycloakServer server) throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            LoginPage page = LoginPage.open(browser, server, Pkce.create(), Map.of("ui_locales", locale));
            assertEquals(title, page.title());
            assertEquals(label, page.html().querySelector("label[for=username]").getTextContent().trim());
        }
    }

    @Test
    void theNewPasswordAndTheForgotPasswordPagesHaveTheirOwnTitles(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        try (WebClient browser = Browsers.htmlUnit()) {
            assertEquals("Nouveau mot de passe — CASVP", UpdatePasswordPage.afterSignIn(browser, server, agent).title());
        }
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage codePage = ForgotPassword.ask(browser, server, agent.username());
            assertEquals("Mot de passe oublié : votre code — CASVP", codePage.getTitleText());
        }
    }
}
