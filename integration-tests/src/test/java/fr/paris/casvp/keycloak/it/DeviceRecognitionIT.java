package fr.paris.casvp.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.ForgotPassword;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.NotMe;
import fr.paris.casvp.keycloak.it.support.OidcTokens;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Device recognition in the casvp browser flow: separate HtmlUnit browsers are separate
 * devices (cookie jars); alerts arrive in GreenMail; events are read as a SIEM would.
 */
@CasvpIntegrationTest
class DeviceRecognitionIT {

    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    private static final String DEVICE_COOKIE = SignIns.DEVICE_COOKIE;
    private static final String SECURITY_CONTACT = "securite-si@casvp.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void secondBrowserGetsAnAlertWhileTheFirstAndARepeatDoNot(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient first = Browsers.htmlUnit("fr"); WebClient second = Browsers.htmlUnit("fr")) {
            signIn(first, server, agent);
            signIn(first, server, agent);
            signIn(second, server, agent);
        }

        List<Map<String, String>> logins = Events.loginDetails(server, agent.id());
        assertEquals(3, logins.size(), logins.toString());
        assertEquals("first", logins.get(0).get("casvp_device"), "the very first browser: " + logins.get(0));
        assertEquals("none", logins.get(0).get("casvp_alert"));
        assertEquals("known", logins.get(1).get("casvp_device"), "the same browser again: " + logins.get(1));
        assertEquals("none", logins.get(1).get("casvp_alert"));
        assertEquals("new", logins.get(2).get("casvp_device"), "another browser: " + logins.get(2));
        assertEquals("queued", logins.get(2).get("casvp_alert"));

        MimeMessage alert = onlyAlertTo(server, agent, 1).get(0);
        assertEquals("CASVP : nouvelle connexion à votre compte", alert.getSubject());
        String html = Mailbox.htmlPart(alert);
        assertTrue(html.contains("appareil (navigateur) que nous ne connaissions pas encore"), html);
        assertTrue(html.contains("heure de Paris"), html);
        assertTrue(html.contains("127.0.0.0/24"), "the network, never the full address: " + html);
        assertFalse(html.contains("127.0.0.1"), "never the full address");
        List<String> links = hrefs(html);
        assertEquals(1, links.size(), "one link only, no sign-in link: " + links);
        assertTrue(links.get(0).contains("/login-actions/action-token?key="), links.get(0));
        assertTrue(Mailbox.textPart(alert).contains("Ce n’était pas vous ?"), Mailbox.textPart(alert));
    }

    @Test
    void englishSpeakingAgentGetsTheAlertInEnglish(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "en");
        try (WebClient first = Browsers.htmlUnit("en"); WebClient second = Browsers.htmlUnit("en")) {
            signIn(first, server, agent);
            signIn(second, server, agent);
        }
        MimeMessage alert = onlyAlertTo(server, agent, 1).get(0);
        assertEquals("CASVP: new sign-in to your account", alert.getSubject());
        assertTrue(Mailbox.htmlPart(alert).contains("This wasn’t me"), Mailbox.htmlPart(alert));
    }

    @Test
    void userAgentFullOfMarkupIsEscapedAndCannotAddRecipients(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String hostile = "Mozilla/5.0 (<img src=x onerror=alert(1)>; Bcc: intrus@evil.test) "
                + "<script>alert(2)</script>Firefox/121.0<b>bold</b> %0d%0aBcc: intrus@evil.test";
        try (WebClient first = Browsers.htmlUnit("fr"); WebClient second = Browsers.htmlUnit("fr", hostile)) {
            signIn(first, server, agent);
            signIn(second, server, agent);
        }
        MimeMessage alert = onlyAlertTo(server, agent, 1).get(0);
        String html = Mailbox.htmlPart(alert);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("<b>bold"), html);
        List<String> recipients = Arrays.stream(alert.getAllRecipients()).map(Address::toString).toList();
        assertEquals(List.of(agent.email()), recipients);
        assertNull(alert.getHeader("Bcc"));
        assertEquals(0, server.mail().getReceivedMessagesForDomain("evil.test").length);
    }

    @Test
    void aMailServerThatIsDownNeitherDelaysNorFailsTheSignIn(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        var realm = server.admin().realm(KeycloakServer.REALM);
        var settings = realm.toRepresentation();
        Map<String, String> smtp = settings.getSmtpServer();
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try {
            settings.setSmtpServer(new java.util.HashMap<>(smtp));
            settings.getSmtpServer().put("port", Integer.toString(closedPort));
            realm.update(settings);
            try (WebClient first = Browsers.htmlUnit("fr"); WebClient second = Browsers.htmlUnit("fr")) {
                signIn(first, server, agent);
                signIn(second, server, agent);
            }
            assertEquals("queued", Events.loginDetails(server, agent.id()).get(1).get("casvp_alert"));
            var failed = Events.await(server, agent.id(), "CUSTOM_REQUIRED_ACTION_ERROR", "new_device_alert_failed", 1,
                    MAIL_WAIT);
            assertEquals(1, failed.size(), "the failure is an event for the SIEM");
            assertTrue(failed.get(0).getDetails().get("reason").contains("Connect"), failed.get(0).getDetails().toString());
        } finally {
            settings.setSmtpServer(smtp);
            realm.update(settings);
        }
    }

    @Test
    void anotherUsersForgedOrReplayedCookieIsSimplyUnknown(KeycloakServer server) throws Exception {
        TestUsers.Agent owner = TestUsers.create(server, "fr");
        TestUsers.Agent other = TestUsers.create(server, "fr");
        String ownersCookie;
        String replayed;
        try (WebClient ownersBrowser = Browsers.htmlUnit("fr")) {
            signIn(ownersBrowser, server, owner);
            replayed = deviceCookie(ownersBrowser);
            signIn(ownersBrowser, server, owner);
            ownersCookie = deviceCookie(ownersBrowser);
            assertFalse(ownersCookie.equals(replayed), "the device id is renewed at every sign-in");
        }
        try (WebClient othersBrowser = Browsers.htmlUnit("fr")) {
            signIn(othersBrowser, server, other);
        }
        try (WebClient borrowed = browserWithCookie(server, ownersCookie)) {
            signIn(borrowed, server, other);
        }
        try (WebClient copied = browserWithCookie(server, replayed)) {
            signIn(copied, server, owner);
        }
        try (WebClient garbled = browserWithCookie(server, "<garbled>\"cookie;value")) {
            signIn(garbled, server, owner);
        }

        List<Map<String, String>> others = Events.loginDetails(server, other.id());
        assertEquals("new", others.get(1).get("casvp_device"), "another user's cookie: " + others.get(1));
        List<Map<String, String>> owners = Events.loginDetails(server, owner.id());
        assertEquals("known", owners.get(1).get("casvp_device"));
        assertEquals("new", owners.get(2).get("casvp_device"), "a replayed (already renewed) cookie: " + owners.get(2));
        assertEquals("new", owners.get(3).get("casvp_device"), "a garbled cookie: " + owners.get(3));
    }

    @Test
    void aSharedComputerStaysKnownToEachAgentWhoSignedInThere(KeycloakServer server) throws Exception {
        TestUsers.Agent first = TestUsers.create(server, "fr");
        TestUsers.Agent second = TestUsers.create(server, "fr");
        try (WebClient shared = Browsers.htmlUnit("fr")) {
            signIn(shared, server, first);
            signIn(shared, server, second);
            String before = deviceCookie(shared);
            signIn(shared, server, first);
            assertFalse(before.equals(deviceCookie(shared)), "the shared browser's id was renewed");
            signIn(shared, server, second);
        }
        List<Map<String, String>> firsts = Events.loginDetails(server, first.id());
        List<Map<String, String>> seconds = Events.loginDetails(server, second.id());
        assertEquals("known", firsts.get(1).get("casvp_device"), "after the other agent's sign-in: " + firsts.get(1));
        assertEquals("known", seconds.get(1).get("casvp_device"), "after the id was renewed: " + seconds.get(1));
    }

    @Test
    void notMeLinkWorksOnceEndsSessionsAndDisablesThePassword(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String refreshToken;
        try (WebClient own = Browsers.htmlUnit("fr")) {
            Pkce pkce = Pkce.create();
            LoginPage.SignInResult result = LoginPage.open(own, server, pkce).signIn(agent.username(), agent.password());
            OidcTokens.TokenResponse tokens = OidcTokens.exchangeCode(server, result.code(),
                    server.webmailRedirectUri(), pkce.verifier());
            refreshToken = tokens.body().path("refresh_token").asText();
        }
        try (WebClient intruder = Browsers.htmlUnit("fr")) {
            signIn(intruder, server, agent);
        }
        String link = NotMe.link(onlyAlertTo(server, agent, 1).get(0));
        assertEquals(200, OidcTokens.refresh(server, refreshToken).status(), "before: the webmail session works");
        int contactMailsBefore = server.mail().getReceivedMessagesForDomain(SECURITY_CONTACT).length;

        try (WebClient mailReader = Browsers.htmlUnit("fr")) {
            HtmlPage confirm = mailReader.getPage(link);
            assertEquals(200, confirm.getWebResponse().getStatusCode());
            assertEquals("confirm", confirm.getHtmlElementById("casvp-not-me").getAttribute("data-step"));
            assertTrue(OidcTokens.refresh(server, refreshToken).status() == 200, "opening the link alone changes nothing");
            HtmlAnchor button = confirm.getHtmlElementById("casvp-not-me-confirm");
            HtmlPage done = button.click();
            assertEquals("done", done.getHtmlElementById("casvp-not-me").getAttribute("data-step"),
                    done.asNormalizedText());
            assertTrue(done.asNormalizedText().contains("Votre compte est sécurisé"), done.asNormalizedText());
        }

        OidcTokens.TokenResponse refused = OidcTokens.refresh(server, refreshToken);
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("invalid_grant", refused.body().path("error").asText());
        assertTrue(server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).toRepresentation()
                .getRequiredActions().contains("UPDATE_PASSWORD"));
        assertEquals(0, adminGet(server, adminToken(server), devicesPath(agent)).size(), "every device forgotten");
        assertEquals(1, Events.await(server, agent.id(), "EXECUTE_ACTION_TOKEN", "not_me", 1, MAIL_WAIT).size());
        List<MimeMessage> contact = Mailbox.awaitMessagesTo(server.mail(), SECURITY_CONTACT, contactMailsBefore + 1, MAIL_WAIT);
        assertTrue(contact.stream().anyMatch(m -> Mailbox.textPart(m).contains(agent.username())),
                "the security contact is told");

        try (WebClient again = Browsers.htmlUnit("fr")) {
            again.getOptions().setThrowExceptionOnFailingStatusCode(false);
            HtmlPage replay = again.getPage(link);
            assertEquals(400, replay.getWebResponse().getStatusCode());
            assertEquals("used", replay.getHtmlElementById("casvp-not-me").getAttribute("data-step"));
        }
        try (WebClient intruder = Browsers.htmlUnit("fr")) {
            LoginPage.SignInResult next = LoginPage.open(intruder, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            assertNotNull(next.pageAgain(), "the old password opens nothing, whoever types it");
            assertTrue(next.pageAgain().isSignInForm(), "not even a page to choose a new password: "
                    + next.pageAgain().html().asNormalizedText());
        }
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);
        try (WebClient own = Browsers.htmlUnit("fr")) {
            HtmlPage update = ForgotPassword.withMailedCode(own, server, agent, recovery);
            // the agent comes back with a code sent to their recovery address and a new password
            new UpdatePasswordPage(own, server, update).submitEndingRecovery(TestUsers.passphrase());
        }
    }

    /** A reset from a new device opens no session: the sign-in that follows there is told as a new device. */
    @Test
    void aResetFromANewDeviceIsToldAtTheSignInThatFollows(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);
        String password = TestUsers.passphrase();
        try (WebClient own = Browsers.htmlUnit("fr"); WebClient other = Browsers.htmlUnit("fr")) {
            signIn(own, server, agent);
            new UpdatePasswordPage(other, server, ForgotPassword.withMailedCode(other, server, agent, recovery))
                    .submitEndingRecovery(password);
            assertEquals(1, Events.loginDetails(server, agent.id()).size(), "the reset signed nobody in");
            TestUsers.withoutRecoveryAddress(server, agent); // no code by mail on the new device, for this test
            assertTrue(LoginPage.open(other, server, Pkce.create()).signIn(agent.username(), password)
                    .redirectedToApplication());
        }
        List<Map<String, String>> logins = Events.loginDetails(server, agent.id());
        assertEquals(2, logins.size(), logins.toString());
        assertEquals("new", logins.get(1).get("casvp_device"), logins.get(1).toString());
        assertEquals("queued", logins.get(1).get("casvp_alert"));
        assertEquals(1, Events.await(server, agent.id(), "CUSTOM_REQUIRED_ACTION", "new_device_alert_sent", 1,
                MAIL_WAIT).size(), "alert sent");
        assertTrue(Mailbox.awaitSubject(server.mail(), agent.email(), "CASVP : nouvelle connexion à votre compte",
                MAIL_WAIT).isPresent(), "beside the mail that says the password changed");
    }

    @Test
    void tamperedNotMeLinkGetsAClearPage(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient first = Browsers.htmlUnit("fr"); WebClient second = Browsers.htmlUnit("fr")) {
            signIn(first, server, agent);
            signIn(second, server, agent);
        }
        String link = NotMe.link(onlyAlertTo(server, agent, 1).get(0));
        Matcher key = Pattern.compile("key=([^&]+)").matcher(link);
        assertTrue(key.find());
        String token = key.group(1);
        String tampered = link.replace(token, token.substring(0, token.length() - 6) + "AAAAAA");
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            HtmlPage page = browser.getPage(tampered);
            assertEquals(400, page.getWebResponse().getStatusCode());
            assertTrue(page.asNormalizedText().contains("Ce lien n’est pas valable"), page.asNormalizedText());
        }
        assertFalse(server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).toRepresentation()
                .getRequiredActions().contains("UPDATE_PASSWORD"), "nothing happened to the account");
    }

    @Test
    void adminsListAndForgetDevicesOnlyWithTheRightPermissions(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            signIn(browser, server, agent);
        }
        String admin = adminToken(server);
        JsonNode devices = adminGet(server, admin, devicesPath(agent));
        assertEquals(1, devices.size(), devices.toString());
        assertFalse(devices.get(0).has("deviceHash"), "the id hash stays in the database");
        String deviceId = devices.get(0).path("id").asText();

        TestUsers.Agent viewer = TestUsers.create(server, "fr");
        grantRealmManagementRole(server, viewer, "view-users");
        String viewerToken = userToken(server, viewer);
        assertEquals(200, adminCall(server, viewerToken, "GET", devicesPath(agent)).statusCode());
        assertEquals(403, adminCall(server, viewerToken, "DELETE", devicesPath(agent) + "/" + deviceId).statusCode());

        TestUsers.Agent plain = TestUsers.create(server, "fr");
        String plainToken = userToken(server, plain);
        assertEquals(403, adminCall(server, plainToken, "GET", devicesPath(agent)).statusCode());
        assertEquals(401, adminCall(server, "not-a-token", "GET", devicesPath(agent)).statusCode());

        assertEquals(204, adminCall(server, admin, "DELETE", devicesPath(agent) + "/" + deviceId).statusCode());
        assertEquals(0, adminGet(server, admin, devicesPath(agent)).size());
        assertEquals(404, adminCall(server, admin, "DELETE", devicesPath(agent) + "/" + deviceId).statusCode());
    }

    private static void signIn(WebClient browser, KeycloakServer server, TestUsers.Agent agent) throws Exception {
        SignIns.signIn(browser, server, agent);
    }

    /** Waits for the queued alerts, then checks there are exactly that many. */
    private static List<MimeMessage> onlyAlertTo(KeycloakServer server, TestUsers.Agent agent, int count)
            throws Exception {
        assertEquals(count, Events.await(server, agent.id(), "CUSTOM_REQUIRED_ACTION", "new_device_alert_sent", count,
                MAIL_WAIT).size(), "alerts sent");
        List<MimeMessage> mails = Mailbox.awaitMessagesTo(server.mail(), agent.email(), count, MAIL_WAIT);
        assertEquals(count, mails.size());
        for (MimeMessage mail : mails) {
            assertEquals(List.of(agent.email()), Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                    .map(Address::toString).toList());
        }
        return mails;
    }


    private static List<String> hrefs(String html) {
        return Pattern.compile("href=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1)).toList();
    }

    private static String deviceCookie(WebClient browser) {
        Cookie cookie = browser.getCookieManager().getCookie(DEVICE_COOKIE);
        assertNotNull(cookie, "the device cookie is set");
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("lax", String.valueOf(cookie.getSameSite()).toLowerCase(), "SameSite=Lax");
        assertEquals("/realms/" + KeycloakServer.REALM + "/", cookie.getPath());
        return cookie.getValue();
    }

    private static WebClient browserWithCookie(KeycloakServer server, String value) {
        WebClient browser = Browsers.htmlUnit("fr");
        browser.getCookieManager().addCookie(new Cookie(URI.create(server.baseUrl()).getHost(), DEVICE_COOKIE, value,
                "/realms/" + KeycloakServer.REALM + "/", null, false, true));
        return browser;
    }

    private static String devicesPath(TestUsers.Agent agent) {
        return "/admin/realms/" + KeycloakServer.REALM + "/casvp-devices/users/" + agent.id();
    }

    private static String adminToken(KeycloakServer server) {
        return server.admin().tokenManager().getAccessTokenString();
    }

    private static String userToken(KeycloakServer server, TestUsers.Agent user) throws Exception {
        return OidcTokens.ownAccessToken(server, user.username(), user.password());
    }

    private static void grantRealmManagementRole(KeycloakServer server, TestUsers.Agent user, String role) {
        var realm = server.admin().realm(KeycloakServer.REALM);
        String clientUuid = realm.clients().findByClientId("realm-management").get(0).getId();
        var representation = realm.clients().get(clientUuid).roles().get(role).toRepresentation();
        realm.users().get(user.id()).roles().clientLevel(clientUuid).add(List.of(representation));
    }

    private static HttpResponse<String> adminCall(KeycloakServer server, String token, String method, String path)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode adminGet(KeycloakServer server, String token, String path) throws Exception {
        HttpResponse<String> response = adminCall(server, token, "GET", path);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
