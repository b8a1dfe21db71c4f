package fr.paris.casvp.keycloak.it.support;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's own "Mot de passe oublié ?": identifier, then the link of the mail. */
public final class ForgotPassword {

    private static final Pattern LINK = Pattern.compile("href=\"([^\"]*action-token[^\"]*)\"");

    private ForgotPassword() {
    }

    /** Asks for a reset in this browser and opens the mail's link there; returns the page it leads to. */
    public static HtmlPage followMailLink(WebClient browser, KeycloakServer server, TestUsers.Agent agent)
            throws Exception {
        int before = server.mail().getReceivedMessagesForDomain(agent.email()).length;
        LoginPage login = LoginPage.open(browser, server, Pkce.create());
        HtmlAnchor forgot = login.html().getAnchors().stream()
                .filter(a -> a.getHrefAttribute().contains("reset-credentials")).findFirst()
                .orElseThrow(() -> new AssertionError("no forgot-password link"));
        HtmlPage resetPage = forgot.click();
        HtmlForm form = resetPage.getHtmlElementById("kc-reset-password-form");
        form.getInputByName("username").setValue(agent.username());
        ((org.htmlunit.html.HtmlElement) form.querySelector("[type=submit]")).click();
        List<MimeMessage> mails = Mailbox.awaitMessagesTo(server.mail(), agent.email(), before + 1, Duration.ofSeconds(30));
        String html = Mailbox.htmlPart(mails.get(mails.size() - 1));
        Matcher link = LINK.matcher(html);
        assertTrue(link.find(), "a reset link in " + html);
        return browser.getPage(link.group(1).replace("&amp;", "&"));
    }
}
