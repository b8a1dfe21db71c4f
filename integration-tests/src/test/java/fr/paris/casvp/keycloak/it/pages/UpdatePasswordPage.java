package fr.paris.casvp.keycloak.it.pages;

import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

import java.io.IOException;

/** Keycloak's "update password" page (required action) in the casvp theme. */
public final class UpdatePasswordPage {

    private final WebClient browser;
    private final KeycloakServer server;
    private HtmlPage page;

    /** Signs the agent in through the webmail; Keycloak must then ask for a new password. */
    public static UpdatePasswordPage afterSignIn(WebClient browser, KeycloakServer server, TestUsers.Agent agent)
            throws IOException {
        LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                .signIn(agent.username(), agent.password());
        if (result.pageAgain() == null) {
            throw new AssertionError("Signed in without being asked for a new password: " + result.redirect());
        }
        return new UpdatePasswordPage(browser, server, result.pageAgain().html());
    }

    public UpdatePasswordPage(WebClient browser, KeycloakServer server, HtmlPage page) {
        this.browser = browser;
        this.server = server;
        this.page = page;
        if (page.getElementById("kc-passwd-update-form") == null) {
            throw new AssertionError("Not the update-password page: " + page.asNormalizedText());
        }
    }

    /** The password rules shown before the agent types, or null. */
    public String rules() {
        DomElement element = page.getElementById("casvp-password-rules");
        return element == null ? null : element.getTextContent().replaceAll("\\s+", " ").trim();
    }

    /** The visible text of the page, for diagnostics. */
    public String text() {
        return page.getWebResponse().getStatusCode() + " " + page.asNormalizedText();
    }

    /** The page's title, as the browser tab and a screen reader say it. */
    public String title() {
        return page.getTitleText();
    }

    public String lang() {
        return page.getDocumentElement().getAttribute("lang");
    }

    /** The refusal shown to the agent (under the field, or in the page's alert), or null. */
    public String error() {
        DomElement element = page.getElementById("input-error-password-new");
        if (element == null) {
            element = page.querySelector(".pf-v5-c-alert.pf-m-danger .kc-feedback-text");
        }
        return element == null ? null : element.getTextContent().replaceAll("\\s+", " ").trim();
    }

    /**
     * Types the new password twice and submits. Returns the redirect to the application
     * when accepted, or null when the page comes back (with {@link #error()}).
     */
    public String submit(String password) throws IOException {
        HtmlForm form = page.getHtmlElementById("kc-passwd-update-form");
        form.getInputByName("password-new").setValue(password);
        form.getInputByName("password-confirm").setValue(password);
        KeycloakForms.Outcome outcome = KeycloakForms.submit(browser, server, page.getHtmlElementById("kc-submit"));
        if (outcome.page() != null) {
            page = outcome.page();
        }
        return outcome.redirect();
    }

    /**
     * Types the new password of a forgot-password (or helpdesk) recovery and submits. Once
     * accepted, Keycloak says the account is up to date and the agent is not signed in:
     * nothing goes to the application. Returns that page's visible text.
     */
    public String submitEndingRecovery(String password) throws IOException {
        String redirect = submit(password);
        if (redirect != null) {
            throw new AssertionError("A recovery must not sign the agent in, yet it went to " + redirect);
        }
        if (page.getElementById("kc-passwd-update-form") != null) {
            throw new AssertionError("The new password was refused: " + error());
        }
        String text = page.asNormalizedText();
        if (!text.contains("votre compte est à jour") && !text.contains("your account is up to date")) {
            throw new AssertionError("Not the account-updated page: " + text);
        }
        return text;
    }
}
