package fr.paris.casvp.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.casvp.keycloak.it.pages.KeycloakForms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What the webmail does after the redirect: exchange the code at the token endpoint. */
public final class OidcTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OidcTokens() {
    }

    /** The token endpoint's answer: HTTP status and JSON body. */
    public record TokenResponse(int status, JsonNode body) {

        public JsonNode idTokenClaims() {
            String idToken = body.path("id_token").asText();
            String[] parts = idToken.split("\\.");
            if (parts.length != 3) {
                throw new IllegalStateException("No signed id_token in " + body);
            }
            try {
                return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static TokenResponse exchangeCode(KeycloakServer server, String code, String redirectUri,
                                             String codeVerifier) throws IOException, InterruptedException {
        return exchange(server, KeycloakServer.WEBMAIL_CLIENT_ID, server.webmailSecret(), code, redirectUri, codeVerifier);
    }

    /** Where the helpdesk's tool listens (the realm export's default; nothing answers there in the tests). */
    public static final String HELPDESK_CLIENT_ID = "casvp-helpdesk";
    public static final String HELPDESK_REDIRECT_URI = "http://localhost:8082/callback";

    /** A signed-in user's tokens, and the secret of the app they enrolled on the way (or were given). */
    public record SignedIn(String accessToken, String totpSecret) {
    }

    /**
     * A user's own access token in the casvp realm, as the webmail gets one: the browser
     * sign-in (the realm's password grant is closed), setting up an authenticator app when the
     * account must have one (privileged accounts), then the code exchanged at the token
     * endpoint. Fails the test unless the sign-in ends back at the webmail.
     */
    public static String ownAccessToken(KeycloakServer server, String username, String password) throws Exception {
        return signIn(server, KeycloakServer.WEBMAIL_CLIENT_ID, server.webmailSecret(), server.webmailRedirectUri(),
                username, password, null).accessToken();
    }

    /**
     * A helpdesk operator's token, as their tool gets it: the {@code casvp-helpdesk} client, with
     * a code from their app. An operator without an app sets one up first; that sign-in does
     * not count as one with a second factor, so the tool signs in again with a code.
     */
    public static SignedIn helpdeskSignIn(KeycloakServer server, String username, String password, String totpSecret)
            throws Exception {
        SignedIn first = signIn(server, HELPDESK_CLIENT_ID, null, HELPDESK_REDIRECT_URI, username, password, totpSecret);
        return totpSecret != null || first.totpSecret() == null ? first
                : signIn(server, HELPDESK_CLIENT_ID, null, HELPDESK_REDIRECT_URI, username, password, first.totpSecret());
    }

    /** The browser sign-in on one client of the casvp realm ({@code clientSecret} null: a public client). */
    public static SignedIn signIn(KeycloakServer server, String clientId, String clientSecret, String redirectUri,
                                  String username, String password, String totpSecret) throws Exception {
        try (org.htmlunit.WebClient browser = Browsers.htmlUnit("fr")) {
            Pkce pkce = Pkce.create();
            org.htmlunit.html.HtmlPage login = browser.getPage(
                    KeycloakForms.authUrl(server.baseUrl(), clientId, redirectUri, pkce, Map.of()));
            org.htmlunit.html.HtmlForm form = login.getHtmlElementById("kc-form-login");
            form.getInputByName("username").setValue(username);
            form.getInputByName("password").setValue(password);
            KeycloakForms.Outcome outcome = KeycloakForms.submit(browser, server,
                    form.getOneHtmlElementByAttribute("button", "name", "login"));
            String secret = totpSecret;
            int codesTried = 0;
            for (int step = 0; step < 5 && outcome.redirect() == null; step++) {
                org.htmlunit.html.HtmlPage page = outcome.page();
                if (page.getElementById("kc-totp-settings-form") != null) {
                    Totp.Enrolment enrolment = Totp.enrolAndContinue(browser, server, page);
                    secret = enrolment.secret();
                    outcome = enrolment.outcome();
                } else if (page.getElementById("kc-otp-login-form") != null && secret != null && codesTried < 3) {
                    // a code is taken once: the next window, then the previous, then this one (a 30 s boundary may pass)
                    outcome = Totp.submit(browser, server, page, Totp.code(secret, new int[] {1, -1, 0}[codesTried++]));
                } else {
                    break;
                }
            }
            String redirect = outcome.redirect();
            org.htmlunit.html.HtmlPage last = outcome.page();
            org.junit.jupiter.api.Assertions.assertNotNull(redirect, () -> "signed in: " + last.asNormalizedText());
            TokenResponse tokens = exchange(server, clientId, clientSecret, queryParam(redirect, "code"), redirectUri,
                    pkce.verifier());
            org.junit.jupiter.api.Assertions.assertEquals(200, tokens.status(), tokens.body().toString());
            return new SignedIn(tokens.body().path("access_token").asText(), secret);
        }
    }

    private static TokenResponse exchange(KeycloakServer server, String clientId, String clientSecret, String code,
                                          String redirectUri, String codeVerifier) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", clientId);
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        if (codeVerifier != null) {
            form.put("code_verifier", codeVerifier);
        }
        return post(URI.create(server.realmUrl() + "/protocol/openid-connect/token"), form);
    }

    /**
     * The token endpoint's password grant on one client ({@code clientSecret} null: a public
     * client), exactly as a script or an attacker sends it; the answer, whatever it is.
     */
    public static TokenResponse passwordGrant(KeycloakServer server, String realm, String clientId, String clientSecret,
                                              String username, String password) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return post(URI.create(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"), form);
    }

    /**
     * A user's own access token from the {@code admin-cli} client of a stock realm a test made
     * (not casvp, whose password grant is closed); fails the test unless Keycloak answers 200.
     */
    public static String stockRealmAccessToken(KeycloakServer server, String realm, String username, String password)
            throws IOException, InterruptedException {
        TokenResponse response = passwordGrant(server, realm, "admin-cli", null, username, password);
        org.junit.jupiter.api.Assertions.assertEquals(200, response.status(), response.body().toString());
        return response.body().path("access_token").asText();
    }

    /** What the webmail does when its access token expires: the refresh-token grant. */
    public static TokenResponse refresh(KeycloakServer server, String refreshToken) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", KeycloakServer.WEBMAIL_CLIENT_ID);
        form.put("client_secret", server.webmailSecret());
        return post(URI.create(server.realmUrl() + "/protocol/openid-connect/token"), form);
    }

    /** A form POST to the token endpoint; the answer as JSON, or as text when it is not JSON. */
    private static TokenResponse post(URI tokenEndpoint, Map<String, String> form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException notJson) {
            body = JSON.getNodeFactory().textNode(response.body());
        }
        return new TokenResponse(response.statusCode(), body);
    }

    public static String formEncode(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** One query parameter of a URL, decoded; null when absent. */
    public static String queryParam(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
