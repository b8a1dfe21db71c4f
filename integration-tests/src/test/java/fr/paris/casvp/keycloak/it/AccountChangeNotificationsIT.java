package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
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
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
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
            HtmlPage setup = result.pageAgain().html();
            HtmlPage manual = browser.getPage(setup.getFullyQualifiedUrl(
                    setup.getElementById("mode-manual").getAttribute("href")));
            String secret = manual.getElementById("kc-totp-secret-key").getTextContent().replace(" ", "").trim();
            HtmlForm form = manual.getHtmlElementById("kc-totp-settings-form");
            form.getInputByName("totp").setValue(totp(secret));
            form.getInputByName("userLabel").setValue("Téléphone");
            KeycloakForms.Outcome outcome = KeycloakForms.submit(browser, server,
                    form.getOneHtmlElementByAttribute("input", "type", "submit"));
            assertNotNull(outcome.redirect(), "the code is accepted");
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

    /** RFC 6238 code (SHA-1, 6 digits, 30 s) for a base32 secret, as the agent's app computes it. */
    private static String totp(String base32Secret) throws Exception {
        byte[] key = base32(base32Secret);
        long counter = System.currentTimeMillis() / 1000 / 30;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8 + 1);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase().replace("=", "").toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        byte[] result = new byte[out.position()];
        out.flip().get(result);
        return result;
    }
}
