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
import fr.paris.casvp.keycloak.it.support.OidcTokens;
import fr.paris.casvp.keycloak.it.support.PasswordReset;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.RecoveryAddressPrompt;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import fr.paris.casvp.keycloak.it.support.Totp;
import jakarta.ws.rs.core.Response;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The helpdesk's endpoint ({@code /admin/realms/casvp/casvp-helpdesk}), called as an
 * operator would with their own token: a one-time recovery code read out to an agent who
 * lost everything, and "secure this account" for a suspected compromise.
 */
@CasvpIntegrationTest
class HelpdeskIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);

    @Test
    void theRecoveryCodeLetsTheAgentSetANewPasswordAndANewFactorOnce(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = agentWithTotp(server);
        String operator = token(server, KeycloakServer.REALM, helpdeskOperator(server, KeycloakServer.REALM));

        HttpResponse<String> issued = post(server, operator, agent.username(), "recovery-code");
        assertEquals(200, issued.statusCode(), issued.body());
        assertTrue(issued.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        JsonNode body = JSON.readTree(issued.body());
        String code = body.get("code").asText();
        assertTrue(code.matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"), code);
        assertEquals(30, body.get("validMinutes").asInt());
        assertFalse(issued.body().contains("password"), "the operator never sees nor chooses a password");

        try (WebClient browser = Browsers.htmlUnit("fr")) {
            HtmlPage codePage = ForgotPassword.ask(browser, server, agent.username());
            HtmlPage setup = ForgotPassword.enterCode(browser, server, codePage, code.toLowerCase().replace("-", " "));
            assertNull(setup.getElementById("kc-otp-login-form"), "the lost factor is not asked");
            assertNotNull(setup.getElementById("kc-totp-settings-form"), "a new one is set up: " + setup.asNormalizedText());
            Totp.Enrolment enrolment = Totp.enrolAndContinue(browser, server, setup);
            assertNotNull(enrolment.outcome().page(), "then the new password");
            new UpdatePasswordPage(browser, server, enrolment.outcome().page()).submitEndingRecovery(TestUsers.passphrase());
        }
        assertEquals(1, server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).credentials().stream()
                .filter(c -> "otp".equals(c.getType())).count(), "only the new app remains");

        try (WebClient again = Browsers.htmlUnit("fr")) {
            HtmlPage codePage = ForgotPassword.ask(again, server, agent.username());
            HtmlPage refused = ForgotPassword.enterCode(again, server, codePage, code);
            assertNotNull(refused.getElementById("casvp-recovery-code-form"), "the code works once");
        }
        assertEquals(1, Events.await(server, agent.id(), "CUSTOM_REQUIRED_ACTION", "helpdesk_recovery_code_issued", 1,
                MAIL_WAIT).size(), "audited");
        assertTrue(Mailbox.awaitMessagesTo(server.mail(), agent.email(), 1, MAIL_WAIT).stream()
                .anyMatch(m -> subject(m).equals("CASVP : l’assistance a créé un code de secours pour votre compte")),
                "the agent is told");
    }

    @Test
    void onlyAHelpdeskOperatorOfThisRealmMayCallIt(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String ordinary = token(server, KeycloakServer.REALM, new Login(agent.username(), agent.password()));
        assertEquals(403, post(server, ordinary, agent.username(), "recovery-code").statusCode(), "an ordinary agent");

        String otherRealm = "other-" + UUID.randomUUID().toString().substring(0, 8);
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(otherRealm);
        realm.setEnabled(true);
        server.admin().realms().create(realm);
        try {
            server.admin().realm(otherRealm).roles().create(new RoleRepresentation("casvp-helpdesk", null, false));
            String foreign = token(server, otherRealm, helpdeskOperator(server, otherRealm));
            assertEquals(403, post(server, foreign, agent.username(), "recovery-code").statusCode(),
                    "a helpdesk operator of another realm");
            assertEquals(403, post(server, foreign, agent.username(), "secure").statusCode());
        } finally {
            server.admin().realm(otherRealm).remove();
        }

        Login colleague = helpdeskOperator(server, KeycloakServer.REALM);
        String operator = token(server, KeycloakServer.REALM, helpdeskOperator(server, KeycloakServer.REALM));
        assertEquals(403, post(server, operator, colleague.username(), "recovery-code").statusCode(),
                "never for another operator: the code would open their account");
        assertEquals(404, post(server, operator, "agent.nobody", "recovery-code").statusCode());
        assertEquals(0, Events.of(server, agent.id(), "CUSTOM_REQUIRED_ACTION").stream()
                .filter(e -> e.getDetails() != null && "helpdesk_recovery_code_issued".equals(e.getDetails().get("casvp_event")))
                .count(), "nothing was issued");
    }

    /**
     * An operator's password alone, or a token of another client (the webmail's, with the same
     * second factor), opens nothing: only the helpdesk's own client, after a second factor.
     */
    @Test
    void onlyTheHelpdeskClientAfterASecondFactorOpensIt(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        Login operator = helpdeskOperator(server, KeycloakServer.REALM);
        OidcTokens.SignedIn ownTool = OidcTokens.helpdeskSignIn(server, operator.username(), operator.password(), null);
        String webmail = OidcTokens.signIn(server, KeycloakServer.WEBMAIL_CLIENT_ID, server.webmailSecret(),
                server.webmailRedirectUri(), operator.username(), operator.password(), ownTool.totpSecret()).accessToken();
        assertEquals(403, post(server, webmail, agent.username(), "recovery-code").statusCode(), "a webmail token");
        assertEquals(403, post(server, webmail, agent.username(), "secure").statusCode(), "a webmail token");

        var realm = server.admin().realm(KeycloakServer.REALM);
        var privileged = privilegedCondition(realm);
        Map<String, String> saved = new java.util.LinkedHashMap<>(privileged.getConfig());
        Login passwordOnly = helpdeskOperator(server, KeycloakServer.REALM);
        try {
            // As if an admin had dropped the helpdesk from the privileged roles: a password alone signs in...
            privileged.getConfig().put("realmRoles", "aucun-role");
            realm.flows().updateAuthenticatorConfig(privileged.getId(), privileged);
            String noFactor = OidcTokens.helpdeskSignIn(server, passwordOnly.username(), passwordOnly.password(), null)
                    .accessToken();
            // ...but the endpoint still wants a second factor in the session.
            assertEquals(403, post(server, noFactor, agent.username(), "recovery-code").statusCode(), "no second factor");
        } finally {
            privileged.setConfig(saved);
            realm.flows().updateAuthenticatorConfig(privileged.getId(), privileged);
        }
        assertEquals(200, post(server, ownTool.accessToken(), agent.username(), "recovery-code").statusCode());
    }

    /** No account holding any administrative role or permission can be taken over through the helpdesk. */
    @Test
    void noAccountWithAnyAdministrativeRoleCanBeTheTarget(KeycloakServer server) throws Exception {
        var realm = server.admin().realm(KeycloakServer.REALM);
        String management = realm.clients().findByClientId("realm-management").get(0).getId();
        String operator = token(server, KeycloakServer.REALM, helpdeskOperator(server, KeycloakServer.REALM));
        for (String role : List.of("impersonation", "manage-clients", "view-users", "manage-authorization", "realm-admin")) {
            TestUsers.Agent holder = TestUsers.create(server, "fr");
            realm.users().get(holder.id()).roles().clientLevel(management)
                    .add(List.of(realm.clients().get(management).roles().get(role).toRepresentation()));
            assertEquals(403, post(server, operator, holder.username(), "recovery-code").statusCode(), role);
            assertEquals(403, post(server, operator, holder.username(), "secure").statusCode(), role);
        }
    }

    /**
     * After "secure", whoever knows the old password or holds the old app gets nowhere; the
     * agent comes back with a code the helpdesk reads out, a new app and a new password.
     */
    @Test
    void securingAnAccountLocksOutWhoeverHasItsPasswordUntilTheAgentRecoversIt(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("CONFIGURE_TOTP"));
        String refreshToken;
        try (WebClient phone = Browsers.htmlUnit("fr")) {
            Pkce pkce = Pkce.create();
            LoginPage.SignInResult first = LoginPage.open(phone, server, pkce).signIn(agent.username(), agent.password());
            String redirect = Totp.enrolAndContinue(phone, server, first.pageAgain().html()).outcome().redirect();
            refreshToken = OidcTokens.exchangeCode(server, OidcTokens.queryParam(redirect, "code"),
                    server.webmailRedirectUri(), pkce.verifier()).body().get("refresh_token").asText();
        }
        String operator = token(server, KeycloakServer.REALM, helpdeskOperator(server, KeycloakServer.REALM));

        HttpResponse<String> secured = post(server, operator, agent.username(), "secure");
        assertEquals(200, secured.statusCode(), secured.body());
        JsonNode body = JSON.readTree(secured.body());
        assertEquals(1, body.get("sessionsEnded").asInt(), secured.body());
        assertEquals(1, body.get("factorsRemoved").asInt(), "the app: " + secured.body());
        assertTrue(body.get("passwordRemoved").asBoolean(), secured.body());
        assertEquals(400, OidcTokens.refresh(server, refreshToken).status(), "the session's tokens stop working");

        try (WebClient attacker = Browsers.htmlUnit("fr")) {
            LoginPage again = LoginPage.open(attacker, server, Pkce.create())
                    .signIn(agent.username(), agent.password()).pageAgain();
            assertNotNull(again, "the old password opens nothing");
            assertTrue(again.isSignInForm(), "not even a page to set up a new app: " + again.html().asNormalizedText());
        }

        String code = JSON.readTree(post(server, operator, agent.username(), "recovery-code").body()).get("code").asText();
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            HtmlPage codePage = ForgotPassword.ask(browser, server, agent.username());
            HtmlPage setup = ForgotPassword.enterCode(browser, server, codePage, code);
            assertNotNull(setup.getElementById("kc-totp-settings-form"), "a new app first: " + setup.asNormalizedText());
            Totp.Enrolment enrolment = Totp.enrolAndContinue(browser, server, setup);
            // then a new password; the agent signs in afresh with it and the new app
            new UpdatePasswordPage(browser, server, enrolment.outcome().page()).submitEndingRecovery(TestUsers.passphrase());
        }
        assertEquals(1, Events.await(server, agent.id(), "CUSTOM_REQUIRED_ACTION", "helpdesk_account_secured", 1,
                MAIL_WAIT).size(), "audited");
        assertTrue(Mailbox.awaitMessagesTo(server.mail(), agent.email(), 1, MAIL_WAIT).stream()
                .anyMatch(m -> subject(m).equals("CASVP : l’assistance a sécurisé votre compte")), "the agent is told");
    }

    private record Login(String username, String password) {
    }

    /** The settings of the "privileged user" condition that asks privileged accounts for a code. */
    /**
     * "Secure" takes back the recovery address an intruder gave from a new device (made to
     * give one, the agent having none): recovery then goes only through a helpdesk code.
     */
    @Test
    void securingTakesBackTheAddressAnIntruderGaveFromANewDevice(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String intruderAddress = "intrus." + agent.username() + "@evil.example";
        RealmSettings.recoveryAddressPrompt(server.admin(), true);
        try {
            RecoveryAddressPrompt.intruderGivesOwnAddress(server, agent, intruderAddress);
        } finally {
            RealmSettings.recoveryAddressPrompt(server.admin(), false);
        }
        var account = server.admin().realm(KeycloakServer.REALM).users().get(agent.id());
        assertEquals(intruderAddress, account.toRepresentation().firstAttribute("recoveryEmailVerified"));

        String operator = token(server, KeycloakServer.REALM, helpdeskOperator(server, KeycloakServer.REALM));
        HttpResponse<String> secured = post(server, operator, agent.username(), "secure");
        assertEquals(200, secured.statusCode(), secured.body());
        assertTrue(JSON.readTree(secured.body()).get("recoveryAddressRemoved").asBoolean(), secured.body());
        assertNull(account.toRepresentation().firstAttribute("recoveryEmailVerified"),
                "forgot password has no address of the intruder's to mail a code to");
    }

    private static AuthenticatorConfigRepresentation privilegedCondition(RealmResource realm) {
        return RealmSettings.stepSettings(realm, "casvp-condition-privileged").stream()
                .filter(c -> "false".equals(c.getConfig().get("negate"))).findFirst().orElseThrow();
    }

    private static TestUsers.Agent agentWithTotp(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("CONFIGURE_TOTP"));
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            LoginPage.SignInResult first = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            Totp.enrol(browser, server, first.pageAgain().html());
        }
        return agent;
    }

    /** A user of that realm with its casvp-helpdesk role, and nothing else. */
    private static Login helpdeskOperator(KeycloakServer server, String realmName) {
        var realm = server.admin().realm(realmName);
        String username = "helpdesk." + UUID.randomUUID().toString().substring(0, 8);
        String password = TestUsers.passphrase();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@casvp.test");
        user.setFirstName("Camille");
        user.setLastName("Assistance");
        user.setEmailVerified(true);
        user.setEnabled(true);
        user.setCredentials(List.of(PasswordReset.password(password)));
        String id;
        try (Response response = realm.users().create(user)) {
            id = CreatedResponseUtil.getCreatedId(response);
        }
        realm.users().get(id).roles().realmLevel().add(List.of(realm.roles().get("casvp-helpdesk").toRepresentation()));
        return new Login(username, password);
    }

    /**
     * The operator's own token: in casvp through the helpdesk's tool (the casvp-helpdesk client,
     * with the app they set up at their first sign-in); from admin-cli in a stock realm.
     */
    private static String token(KeycloakServer server, String realm, Login login) throws Exception {
        return KeycloakServer.REALM.equals(realm)
                ? OidcTokens.helpdeskSignIn(server, login.username(), login.password(), null).accessToken()
                : OidcTokens.stockRealmAccessToken(server, realm, login.username(), login.password());
    }

    private static HttpResponse<String> post(KeycloakServer server, String token, String username, String action)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/" + KeycloakServer.REALM
                                + "/casvp-helpdesk/agents/" + username + "/" + action))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
