package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mails Keycloak sends through the realm's SMTP settings arrive, in the casvp email theme. */
@CasvpIntegrationTest
class RealmMailIT {

    @Test
    void actionMailReachesTheAgentInFrenchWithTheCasvpTheme(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");

        server.admin().realm(KeycloakServer.REALM).users().get(agent.id())
                .executeActionsEmail(List.of("UPDATE_PASSWORD"));

        List<MimeMessage> mails = Mailbox.awaitMessagesTo(server.mail(), agent.email(), 1, Duration.ofSeconds(20));
        assertEquals(1, mails.size(), "one mail to " + agent.email());
        MimeMessage mail = mails.get(0);
        assertEquals("CASVP : action requise sur votre compte", mail.getSubject());
        assertTrue(mail.getFrom()[0].toString().contains("@casvp.test"), mail.getFrom()[0].toString());
    }

    @Test
    void englishSpeakingAgentGetsTheEnglishSubject(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "en");

        server.admin().realm(KeycloakServer.REALM).users().get(agent.id())
                .executeActionsEmail(List.of("UPDATE_PASSWORD"));

        List<MimeMessage> mails = Mailbox.awaitMessagesTo(server.mail(), agent.email(), 1, Duration.ofSeconds(20));
        assertEquals(1, mails.size());
        assertEquals("CASVP: action required on your account", mails.get(0).getSubject());
    }
}
