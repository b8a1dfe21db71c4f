package fr.paris.casvp.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", KeycloakServer.WEBMAIL_CLIENT_ID);
        form.put("client_secret", server.webmailSecret());
        if (codeVerifier != null) {
            form.put("code_verifier", codeVerifier);
        }
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new TokenResponse(response.statusCode(), JSON.readTree(response.body()));
    }

    /**
     * A user's own access token in the casvp realm, as the webmail gets one: the browser
     * sign-in (the realm's password grant is closed), then the code exchanged at the token
     * endpoint. Fails the test unless the sign-in goes straight through to the webmail.
     */
    public static String ownAccessToken(KeycloakServer server, String username, String password)
            throws IOException, InterruptedException {
        try (org.htmlunit.WebClient browser = Browsers.htmlUnit("fr")) {
            Pkce pkce = Pkce.create();
            fr.paris.casvp.keycloak.it.pages.LoginPage.SignInResult signedIn =
                    fr.paris.casvp.keycloak.it.pages.LoginPage.open(browser, server, pkce).signIn(username, password);
            org.junit.jupiter.api.Assertions.assertTrue(signedIn.redirectedToApplication(), () -> "signed in: "
                    + (signedIn.pageAgain() == null ? "" : signedIn.pageAgain().html().asNormalizedText()));
            TokenResponse tokens = exchangeCode(server, signedIn.code(), server.webmailRedirectUri(), pkce.verifier());
            org.junit.jupiter.api.Assertions.assertEquals(200, tokens.status(), tokens.body().toString());
            return tokens.body().path("access_token").asText();
        }
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
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
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
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new TokenResponse(response.statusCode(), JSON.readTree(response.body()));
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
