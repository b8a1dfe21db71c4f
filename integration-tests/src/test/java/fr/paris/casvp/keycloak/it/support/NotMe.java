package fr.paris.casvp.keycloak.it.support;

import jakarta.mail.internet.MimeMessage;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Ce n'était pas moi": the link of a new-device alert, opened and confirmed as the agent does. */
public final class NotMe {

    public static final String ALERT_SUBJECT = "CASVP : nouvelle connexion à votre compte";
    private static final Pattern LINK = Pattern.compile("id=\"casvp-not-me-link\" href=\"([^\"]+)\"");

    private NotMe() {
    }

    /** The "not me" link of this alert mail. */
    public static String link(MimeMessage alert) {
        Matcher matcher = LINK.matcher(Mailbox.htmlPart(alert));
        assertTrue(matcher.find(), "a not-me link");
        return matcher.group(1).replace("&amp;", "&");
    }

    /** The link of the first new-device alert to this address, waiting for it. */
    public static String linkOfAlertTo(KeycloakServer server, String address, Duration wait) {
        return link(Mailbox.awaitSubject(server.mail(), address, ALERT_SUBJECT, wait)
                .orElseThrow(() -> new AssertionError("no new-device alert to " + address)));
    }

    /** Opens the link in a fresh browser and confirms; returns the page that says it is done. */
    public static HtmlPage confirm(String link) throws Exception {
        try (WebClient mailReader = Browsers.htmlUnit("fr")) {
            HtmlPage confirm = mailReader.getPage(link);
            assertEquals("confirm", confirm.getHtmlElementById("casvp-not-me").getAttribute("data-step"));
            HtmlAnchor button = confirm.getHtmlElementById("casvp-not-me-confirm");
            HtmlPage done = button.click();
            assertEquals("done", done.getHtmlElementById("casvp-not-me").getAttribute("data-step"),
                    done.asNormalizedText());
            return done;
        }
    }
}
