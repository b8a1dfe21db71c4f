package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mails Keycloak sends through the realm's SMTP settings arrive, in the casvp email theme. */
@CasvpIntegrationTest
class RealmMailIT {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "fr|CASVP : action requise sur votre compte",
            "en|CASVP: action required on your account"})
    void actionMailReachesTheAgentInTheirLanguageWithTheCasvpTheme(String locale, String subject, KeycloakServer server)
            throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, locale);

        server.admin().realm(KeycloakServer.REALM).users().get(agent.id())
                .executeActionsEmail(List.of("UPDATE_PASSWORD"));

        List<MimeMessage> mails = Mailbox.awaitMessagesTo(server.mail(), agent.email(), 1, Duration.ofSeconds(20));
        assertEquals(1, mails.size(), "one mail to " + agent.email());
        MimeMessage mail = mails.get(0);
        assertEquals(subject, mail.getSubject());
        assertTrue(mail.getFrom()[0].toString().contains("@casvp.test"), mail.getFrom()[0].toString());
    }
}
