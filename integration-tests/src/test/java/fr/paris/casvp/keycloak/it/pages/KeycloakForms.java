package fr.paris.casvp.keycloak.it.pages;

import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.OidcTokens;
import fr.paris.casvp.keycloak.it.support.Pkce;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What every page object does with Keycloak: start the webmail's request, submit a form. */
public final class KeycloakForms {

    private KeycloakForms() {
    }

    /**
     * The webmail's authorization-code request, as its sign-in button would send it
     * ({@code pkce} null: without PKCE), on {@code baseUrl} (the server's, or another
     * host name for the same server).
     */
    public static String authUrl(String baseUrl, KeycloakServer server, Pkce pkce, Map<String, String> extra) {
        return authUrl(baseUrl, KeycloakServer.WEBMAIL_CLIENT_ID, server.webmailRedirectUri(), pkce, extra);
    }

    /** The same request for another client of the casvp realm (e.g. the helpdesk's tool). */
    public static String authUrl(String baseUrl, String clientId, String redirectUri, Pkce pkce,
                                 Map<String, String> extra) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("response_type", "code");
        query.put("scope", "openid");
        query.put("redirect_uri", redirectUri);
        query.put("state", UUID.randomUUID().toString());
        query.put("nonce", UUID.randomUUID().toString());
        if (pkce != null) {
            query.put("code_challenge", pkce.challenge());
            query.put("code_challenge_method", "S256");
        }
        query.putAll(extra);
        return baseUrl + "/realms/" + KeycloakServer.REALM + "/protocol/openid-connect/auth?"
                + OidcTokens.formEncode(query);
    }

    public static String authUrl(KeycloakServer server, Pkce pkce) {
        return authUrl(server.baseUrl(), server, pkce, Map.of());
    }

    /** After a submit: the redirect back to the application, or the page Keycloak showed. */
    public record Outcome(String redirect, HtmlPage page) {
    }

    /**
     * Clicks and follows Keycloak's own redirects (e.g. to a required action) but stops at
     * the redirect leaving Keycloak, the one back to the application that carries the code.
     */
    public static Outcome submit(WebClient browser, KeycloakServer server, HtmlElement button) throws IOException {
        boolean redirects = browser.getOptions().isRedirectEnabled();
        browser.getOptions().setRedirectEnabled(false);
        try {
            Page next = button.click();
            for (int hops = 0; hops < 10; hops++) {
                int status = next.getWebResponse().getStatusCode();
                if (status != 302 && status != 303) {
                    break;
                }
                String location = next.getWebResponse().getResponseHeaderValue("Location");
                if (!location.startsWith(server.baseUrl())) {
                    return new Outcome(location, null);
                }
                next = browser.getPage(location);
            }
            if (next instanceof HtmlPage html) {
                return new Outcome(null, html);
            }
            throw new AssertionError("Unexpected answer " + next.getWebResponse().getStatusCode() + ": "
                    + next.getWebResponse().getContentAsString());
        } finally {
            browser.getOptions().setRedirectEnabled(redirects);
        }
    }
}
