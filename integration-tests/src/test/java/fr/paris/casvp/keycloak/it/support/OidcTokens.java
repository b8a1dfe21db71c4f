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
     * A user's own access token from a realm's {@code admin-cli} client (password grant), as a
     * helpdesk operator or a script gets one; fails the test unless Keycloak answers 200.
     */
    public static String ownAccessToken(KeycloakServer server, String realm, String username, String password)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(Map.of("grant_type", "password",
                        "client_id", "admin-cli", "username", username, "password", password))))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("access_token").asText();
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
