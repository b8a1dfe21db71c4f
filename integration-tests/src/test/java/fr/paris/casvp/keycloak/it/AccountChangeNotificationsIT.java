package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.PasswordReset;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import fr.paris.casvp.keycloak.it.support.Totp;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The casvp-notifications event listener: agents hear of password and second-factor changes. */
@CasvpIntegrationTest
class AccountChangeNotificationsIT {

    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);

    @Test
    void anAgentWhoChangesTheirPasswordGetsOneMail(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            assertNotNull(UpdatePasswordPage.afterSignIn(browser, server, agent).submit(TestUsers.passphrase()));
        }
        MimeMessage mail = onlyMail(server, agent, "password_changed_sent");
        assertEquals("CASVP : le mot de passe de votre compte a changé", mail.getSubject());
        assertTrue(Mailbox.htmlPart(mail).contains("a été changé le"), Mailbox.htmlPart(mail));
    }

    @Test
    void aPasswordSetByTheHelpdeskIsToldAsSuchAndOnlyOnceAnHour(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "en");
        PasswordReset.accepted(server.admin(), agent, TestUsers.passphrase());
        PasswordReset.accepted(server.admin(), agent, TestUsers.passphrase());
        MimeMessage mail = onlyMail(server, agent, "password_changed_sent");
        assertEquals("CASVP: your account password has changed", mail.getSubject());
        assertTrue(Mailbox.textPart(mail).contains("the helpdesk set a new password"), Mailbox.textPart(mail));
    }

    @Test
    void settingUpAOneTimeCodeAppIsTold(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("CONFIGURE_TOTP"));
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            assertNotNull(result.pageAgain(), "asked to set up the app");
            Totp.enrol(browser, server, result.pageAgain().html());
        }
        MimeMessage mail = onlyMail(server, agent, "second_factor_added_sent");
        assertEquals("CASVP : une double authentification a été ajoutée à votre compte", mail.getSubject());
    }

    private static MimeMessage onlyMail(KeycloakServer server, TestUsers.Agent agent, String sentEvent) throws Exception {
        assertEquals(1, Events.await(server, agent.id(), "CUSTOM_REQUIRED_ACTION", sentEvent, 1, MAIL_WAIT).size());
        List<MimeMessage> mails = Mailbox.awaitMessagesTo(server.mail(), agent.email(), 1, MAIL_WAIT);
        assertEquals(1, mails.size(), "one mail");
        return mails.get(0);
    }
}
