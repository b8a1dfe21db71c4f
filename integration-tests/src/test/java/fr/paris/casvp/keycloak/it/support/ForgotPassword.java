package fr.paris.casvp.keycloak.it.support;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's own "Mot de passe oublié ?": identifier, then the code mailed to the recovery address. */
public final class ForgotPassword {

    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);

    private ForgotPassword() {
    }

    /** Opens the sign-in page, follows "forgot password" and sends this identifier; returns the page shown then. */
    public static HtmlPage ask(WebClient browser, KeycloakServer server, String identifier) throws Exception {
        return askTimed(browser, server, identifier).page();
    }

    /** The page that answers an identifier, and how long the server took to answer it. */
    public record Answer(HtmlPage page, long nanos) {
    }

    public static Answer askTimed(WebClient browser, KeycloakServer server, String identifier) throws Exception {
        LoginPage login = LoginPage.open(browser, server, Pkce.create());
        HtmlAnchor forgot = login.html().getAnchors().stream()
                .filter(a -> a.getHrefAttribute().contains("reset-credentials")).findFirst()
                .orElseThrow(() -> new AssertionError("no forgot-password link"));
        HtmlPage resetPage = forgot.click();
        HtmlForm form = resetPage.getHtmlElementById("kc-reset-password-form");
        form.getInputByName("username").setValue(identifier);
        long start = System.nanoTime();
        HtmlPage answer = ((HtmlElement) form.querySelector("[type=submit]")).click();
        return new Answer(answer, System.nanoTime() - start);
    }

    /** Types a code on the recovery-code page; returns the next page (Keycloak's, never a redirect to the client). */
    public static HtmlPage enterCode(WebClient browser, KeycloakServer server, HtmlPage codePage, String code)
            throws Exception {
        HtmlForm form = codePage.getHtmlElementById("casvp-recovery-code-form");
        form.getInputByName("code").setValue(code);
        KeycloakForms.Outcome outcome = KeycloakForms.submit(browser, server,
                codePage.getHtmlElementById("casvp-recovery-code-submit"));
        assertNotNull(outcome.page(), "stays in Keycloak");
        return outcome.page();
    }

    /** The code of the latest recovery mail to this address, waiting for mail number {@code count}. */
    public static String mailedCode(KeycloakServer server, String address, int count) {
        List<MimeMessage> mails = Mailbox.awaitMessagesTo(server.mail(), address, count, MAIL_WAIT);
        assertTrue(mails.size() >= count, "mail " + count + " to " + address + " (got " + mails.size() + ")");
        return Mailbox.code(mails.get(mails.size() - 1));
    }

    /**
     * The whole way in this browser: asks, reads the code sent to the agent's recovery
     * address, types it; returns the page it leads to (the second factor, or the new password).
     */
    public static HtmlPage withMailedCode(WebClient browser, KeycloakServer server, TestUsers.Agent agent,
                                          String recoveryAddress) throws Exception {
        int before = server.mail().getReceivedMessagesForDomain(recoveryAddress).length;
        HtmlPage codePage = ask(browser, server, agent.username());
        return enterCode(browser, server, codePage, mailedCode(server, recoveryAddress, before + 1));
    }
}
