package fr.paris.casvp.keycloak.it.pages;

import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.OidcTokens;
import fr.paris.casvp.keycloak.it.support.Pkce;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The casvp sign-in page as an agent sees it, opened by the webmail client. */
public final class LoginPage {

    private final WebClient browser;
    private final KeycloakServer server;
    private HtmlPage page;

    private LoginPage(WebClient browser, KeycloakServer server, HtmlPage page) {
        this.browser = browser;
        this.server = server;
        this.page = page;
    }

    /** Starts an authorization-code request of the webmail, as its sign-in button would. */
    public static LoginPage open(WebClient browser, KeycloakServer server, Pkce pkce, Map<String, String> extra)
            throws IOException {
        Page loaded = browser.getPage(KeycloakForms.authUrl(server.baseUrl(), server, pkce, extra));
        if (!(loaded instanceof HtmlPage html)) {
            throw new AssertionError("Expected the sign-in page, got " + loaded.getWebResponse().getStatusCode()
                    + " " + loaded.getWebResponse().getContentAsString());
        }
        return new LoginPage(browser, server, html);
    }

    public static LoginPage open(WebClient browser, KeycloakServer server, Pkce pkce) throws IOException {
        return open(browser, server, pkce, Map.of());
    }

    public HtmlPage html() {
        return page;
    }

    public int status() {
        return page.getWebResponse().getStatusCode();
    }

    /** The {@code lang} attribute of the page. */
    public String lang() {
        return page.getDocumentElement().getAttribute("lang");
    }

    public boolean isSignInForm() {
        return page.getElementById("kc-form-login") != null;
    }

    public String title() {
        return page.getTitleText();
    }

    public String text(String id) {
        DomElement element = page.getElementById(id);
        return element == null ? null : element.getTextContent().replaceAll("\\s+", " ").trim();
    }

    public DomElement element(String id) {
        return page.getElementById(id);
    }

    /** href of the link with this id, or null when the page has no such link. */
    public String linkHref(String id) {
        DomElement element = page.getElementById(id);
        return element instanceof HtmlAnchor anchor ? anchor.getHrefAttribute() : null;
    }

    /** Error shown under the username field after a failed attempt. */
    public String inputError() {
        return text("input-error-username");
    }

    /** Labels of the language switcher, in page order (e.g. "Anglais (English)", "Français"). */
    public List<String> languageLabels() {
        HtmlSelect select = page.getHtmlElementById("login-select-toggle");
        return select.getOptions().stream().map(o -> o.getText().trim()).toList();
    }

    /** Picks a language (by tag: fr, en) in the switcher, as the select's onchange does. */
    public LoginPage chooseLanguage(String languageTag) throws IOException {
        HtmlSelect select = page.getHtmlElementById("login-select-toggle");
        List<HtmlOption> options = select.getOptions();
        HtmlOption option = options.stream()
                .filter(o -> o.getValueAttribute().endsWith("kc_locale=" + languageTag))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No language " + languageTag + " in " + options));
        page = browser.getPage(page.getFullyQualifiedUrl(option.getValueAttribute()));
        return this;
    }

    /**
     * Types the identifier and password and submits; follows redirects inside Keycloak. When
     * Keycloak asks to sign in again (it then shows the identifier instead of asking for it),
     * only the password is typed.
     */
    public SignInResult signIn(String username, String password) throws IOException {
        HtmlForm form = page.getHtmlElementById("kc-form-login");
        if (!form.getInputsByName("username").isEmpty()) {
            form.getInputByName("username").setValue(username);
        }
        form.getInputByName("password").setValue(password);
        KeycloakForms.Outcome outcome = KeycloakForms.submit(browser, server,
                form.getOneHtmlElementByAttribute("button", "name", "login"));
        if (outcome.redirect() != null) {
            return new SignInResult(outcome.redirect(), null);
        }
        page = outcome.page();
        return new SignInResult(null, this);
    }

    /** Either a redirect back to the application or the page shown again (with an error). */
    public record SignInResult(String redirect, LoginPage pageAgain) {

        public boolean redirectedToApplication() {
            return redirect != null;
        }

        public String code() {
            return OidcTokens.queryParam(redirect, "code");
        }
    }

    public KeycloakServer server() {
        return server;
    }
}
