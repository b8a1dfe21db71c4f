package fr.paris.casvp.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.NotMe;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.RecoveryAddressPrompt;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.StepChange;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint behind "Mes appareils" ({@code /realms/casvp/casvp-account}, over HTTP): it
 * answers only the signed-in agent, about their own browsers and events, never with the full
 * address, and changes nothing on a request that is not from the console's own origin. The
 * page itself, in Chromium: {@link AccountDevicesInChromiumIT}.
 */
@CasvpIntegrationTest
class AccountDevicesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void thePageTextsComeInFrenchAndEnglishAsTheConsoleLoadsItsOwn(KeycloakServer server) throws Exception {
        Map<String, String> expected = Map.of("fr", "Cet appareil", "en", "This device");
        for (Map.Entry<String, String> locale : expected.entrySet()) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/resources/" + KeycloakServer.REALM + "/account/" + locale.getKey()))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            Map<String, String> messages = new java.util.HashMap<>();
            JSON.readTree(response.body()).forEach(m -> messages.put(m.get("key").asText(), m.get("value").asText()));
            assertEquals(locale.getValue(), messages.get("casvpDevicesThisDevice"), locale.getKey());
            assertTrue(messages.containsKey("deviceActivity"), "Keycloak's own texts are still there");
        }
    }

    @Test
    void withoutASessionTheEndpointSays401(KeycloakServer server) throws Exception {
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(devices(server)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, list.statusCode(), list.body());
        HttpResponse<String> forget = HTTP.send(HttpRequest.newBuilder(URI.create(devices(server) + "/any"))
                .header("Origin", server.baseUrl()).header("X-CASVP-Account", "forget").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, forget.statusCode(), forget.body());
        HttpResponse<String> activity = HTTP.send(HttpRequest.newBuilder(URI.create(server.realmUrl()
                + "/casvp-account/activity")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, activity.statusCode(), activity.body());
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(devices(server))
                .header("Cookie", "KEYCLOAK_IDENTITY=forged.value.here").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, forged.statusCode(), forged.body());
    }

    @Test
    void theListShowsOnlyTheAgentsOwnBrowsersAndNetworkPrefixes(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            SignIns.signIn(browser, server, agent);
            HttpResponse<String> response = list(server, cookies(browser));
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
            JsonNode devices = JSON.readTree(response.body());
            assertEquals(1, devices.size(), response.body());
            assertEquals("127.0.0.0/24", devices.get(0).get("network").asText());
            assertTrue(devices.get(0).get("current").asBoolean(), "the browser whose cookie came along");
            assertFalse(response.body().contains("127.0.0.1"), response.body());
            assertFalse(response.body().contains(browser.getCookieManager().getCookie(SignIns.DEVICE_COOKIE).getValue()),
                    "never the device cookie");

            String withoutDeviceCookie = java.util.Arrays.stream(cookies(browser).split("; "))
                    .filter(c -> !c.startsWith(SignIns.DEVICE_COOKIE + "=")).collect(Collectors.joining("; "));
            JsonNode elsewhere = JSON.readTree(list(server, withoutDeviceCookie).body());
            assertFalse(elsewhere.get(0).get("current").asBoolean(), "without its cookie, no browser is this one");
        }
    }

    @Test
    void anotherAgentsDeviceIsNotFoundAndStays(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        TestUsers.Agent colleague = TestUsers.create(server, "fr");
        try (WebClient own = Browsers.htmlUnit("fr"); WebClient theirs = Browsers.htmlUnit("fr")) {
            SignIns.signIn(own, server, agent);
            SignIns.signIn(theirs, server, colleague);
            String theirDevice = JSON.readTree(list(server, cookies(theirs)).body()).get(0).get("id").asText();

            HttpResponse<String> forget = forget(server, cookies(own), theirDevice, server.baseUrl(), true);
            assertEquals(404, forget.statusCode(), forget.body());
            assertEquals(404, forget(server, cookies(own), "no-such-device", server.baseUrl(), true).statusCode());
            assertEquals(theirDevice, JSON.readTree(list(server, cookies(theirs)).body()).get(0).get("id").asText(),
                    "the colleague's browser is still known");
        }
    }

    @Test
    void forgettingNeedsTheServersOwnOriginAndTheConsolesHeader(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            SignIns.signIn(browser, server, agent);
            String cookies = cookies(browser);
            String device = JSON.readTree(list(server, cookies).body()).get(0).get("id").asText();

            assertEquals(403, forget(server, cookies, device, null, true).statusCode(), "no Origin");
            assertEquals(403, forget(server, cookies, device, "https://evil.test", true).statusCode(), "another site");
            assertEquals(403, forget(server, cookies, device, "null", true).statusCode(), "an opaque origin");
            assertEquals(403, forget(server, cookies, device, server.baseUrl(), false).statusCode(),
                    "no X-CASVP-Account header (a plain form or link)");
            assertEquals(1, JSON.readTree(list(server, cookies).body()).size(), "still known after every refusal");

            assertEquals(204, forget(server, cookies, device, server.baseUrl(), true).statusCode());
            assertEquals(401, list(server, cookies).statusCode(), "forgetting the browser one is on signs it out");
            assertEquals(0, server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).getUserSessions().size());
            SignIns.signIn(browser, server, agent);
            JsonNode again = JSON.readTree(list(server, cookies(browser)).body());
            assertEquals(1, again.size(), again.toString());
            assertFalse(device.equals(again.get(0).get("id").asText()), "its row went: it is remembered afresh");
            assertEquals(1, Events.await(server, agent.id(), "CUSTOM_REQUIRED_ACTION", "device_forgotten_by_agent", 1, WAIT)
                    .size());
        }
    }

    @Test
    void theActivityShowsANewDeviceByItsNetworkAndItsNotMeNeedsTheConsole(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient first = Browsers.htmlUnit("fr"); WebClient second = Browsers.htmlUnit("fr")) {
            SignIns.signIn(first, server, agent);
            SignIns.signIn(first, server, agent);
            SignIns.signIn(second, server, agent);
            String cookies = cookies(second);
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(activity(server, ""))
                    .header("Cookie", cookies).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode entries = JSON.readTree(response.body());
            assertEquals(1, entries.size(), "the first browser's sign-ins are everyday ones: " + response.body());
            assertEquals("newDevice", entries.get(0).get("kind").asText());
            assertEquals("127.0.0.0/24", entries.get(0).get("network").asText());
            assertFalse(response.body().contains("127.0.0.1"), response.body());

            assertEquals(403, notMe(server, cookies, null, true).statusCode(), "no Origin");
            assertEquals(403, notMe(server, cookies, "https://evil.test", true).statusCode(), "another site");
            assertEquals(403, notMe(server, cookies, server.baseUrl(), false).statusCode(), "no console header");
            HttpResponse<String> notMe = notMe(server, cookies, server.baseUrl(), true);
            assertEquals(200, notMe.statusCode(), notMe.body());
            String link = JSON.readTree(notMe.body()).get("url").asText();
            assertTrue(link.startsWith(server.realmUrl() + "/login-actions/action-token?key="), link);
            NotMe.confirm(link);
            assertEquals(0, server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).getUserSessions().size(),
                    "the account is secured: every session ended");
        }
    }

    /**
     * A stranger's browsers lock the agent's unknown-browser scope, then keep trying: one line
     * "connexion refusée", not one per try; an address confirmed from a new device: its line.
     */
    @Test
    void theActivityShowsARunOfRefusedTriesOnceAndAConfirmedRecoveryAddress(KeycloakServer server) throws Exception {
        RealmSettings.recoveryAddressPrompt(server.admin(), true);
        try (StepChange ignored = StepChange.of(server.admin().realm(KeycloakServer.REALM), "casvp-password-form",
                Map.of("lockoutDelayAfter", "3", "lockoutLockAfter", "3", "lockoutLockMinutes", "60"))) {
            TestUsers.Agent agent = TestUsers.create(server, "fr");
            String personal = agent.username() + "@perso.example";
            RecoveryAddressPrompt.intruderGivesOwnAddress(server, agent, personal);

            try (WebClient own = Browsers.htmlUnit("fr")) {
                // one more new browser: a code mailed to the recovery address now, then it is signed in
                HtmlPage codePage = LoginPage.open(own, server, Pkce.create())
                        .signIn(agent.username(), agent.password()).pageAgain().html();
                codePage.<HtmlForm>getHtmlElementById("casvp-email-code-form").getInputByName("code")
                        .setValue(Mailbox.signInCode(server.mail(), personal, WAIT));
                assertNotNull(KeycloakForms.submit(own, server, codePage.getHtmlElementById("casvp-email-code-submit"))
                        .redirect(), "signed in with the code mailed to the recovery address");

                for (int i = 0; i < 3 + 4; i++) { // three lock the agent's unknown browsers, four more are refused
                    try (WebClient stranger = Browsers.htmlUnitFrom("127.0.0.93")) {
                        assertNotNull(LoginPage.open(stranger, server, Pkce.create())
                                .signIn(agent.username(), "faux mot de passe " + i).pageAgain(), "not signed in");
                    }
                }
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(activity(server, ""))
                        .header("Cookie", cookies(own)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                List<String> kinds = new ArrayList<>();
                JSON.readTree(response.body()).forEach(entry -> kinds.add(entry.get("kind").asText()));
                assertEquals(1, kinds.stream().filter("browserLocked"::equals).count(), "four refused tries, one line: " + kinds);
                assertTrue(kinds.contains("recoveryAddressChanged"), kinds.toString());
            }
        } finally {
            RealmSettings.recoveryAddressPrompt(server.admin(), false);
        }
    }

    private static URI activity(KeycloakServer server, String tail) {
        return URI.create(server.realmUrl() + "/casvp-account/activity" + tail);
    }

    private static HttpResponse<String> notMe(KeycloakServer server, String cookies, String origin, boolean consoleHeader)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(activity(server, "/not-me")).header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (consoleHeader) {
            request.header("X-CASVP-Account", "not-me");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI devices(KeycloakServer server) {
        return URI.create(server.realmUrl() + "/casvp-account/devices");
    }

    private static HttpResponse<String> list(KeycloakServer server, String cookies) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(devices(server)).header("Cookie", cookies).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> forget(KeycloakServer server, String cookies, String id, String origin,
                                               boolean consoleHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(devices(server) + "/" + id))
                .header("Cookie", cookies).DELETE();
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (consoleHeader) {
            request.header("X-CASVP-Account", "forget");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The browser's cookies for the realm (session and device), as a Cookie header. */
    private static String cookies(WebClient browser) {
        List<String> pairs = new ArrayList<>();
        for (Cookie cookie : browser.getCookieManager().getCookies()) {
            if (cookie.getPath() == null || cookie.getPath().startsWith("/realms/" + KeycloakServer.REALM)) {
                pairs.add(cookie.getName() + "=" + cookie.getValue());
            }
        }
        return String.join("; ", pairs);
    }
}
