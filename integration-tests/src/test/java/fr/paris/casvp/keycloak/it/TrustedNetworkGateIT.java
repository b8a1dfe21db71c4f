package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.ForgotPassword;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import fr.paris.casvp.keycloak.it.support.Totp;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VPN gate, with browsers connecting from different loopback source addresses:
 * 127.0.0.1 stands for the agency network, 127.0.0.9 for the outside. For the
 * unusual-network check, which counts in networks (/24), 127.0.1.9 and 127.0.1.10 stand
 * for another network outside (127.0.1.0/24), 127.0.0.9 for one next to the agency's.
 */
@CasvpIntegrationTest
class TrustedNetworkGateIT {

    private static final String NEW_DEVICE_ALERT = "CASVP : nouvelle connexion à votre compte";
    private static final String MOBILITY_GROUP = "agents-mobilite-" + UUID.randomUUID().toString().substring(0, 6);

    private RealmResource realm;
    private String originalNetworks;
    private AuthenticatorConfigRepresentation gate;
    private Map<String, String> originalGate;

    /** The realm trusts 127.0.0.1 only, for this test, and the gate lets this test's group through. */
    @BeforeEach
    void onlyTheFirstLoopbackAddressIsTrusted(KeycloakServer server) {
        realm = server.admin().realm(KeycloakServer.REALM);
        originalNetworks = RealmSettings.trustedNetworks(realm);
        RealmSettings.setTrustedNetworks(realm, "127.0.0.1/32, ::1/128");
        List<AuthenticatorConfigRepresentation> settings = RealmSettings.stepSettings(realm, "casvp-trusted-network-gate");
        assertEquals(1, settings.size(), "the gate");
        gate = settings.get(0);
        originalGate = new LinkedHashMap<>(gate.getConfig());
        gate.getConfig().put("mobilityGroup", MOBILITY_GROUP);
        realm.flows().updateAuthenticatorConfig(gate.getId(), gate);
    }

    @AfterEach
    void restore() {
        RealmSettings.setTrustedNetworks(realm, originalNetworks);
        gate.setConfig(originalGate);
        realm.flows().updateAuthenticatorConfig(gate.getId(), gate);
    }

    @Test
    void agentInsideTheTrustedNetworkSignsIn(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnitFrom("127.0.0.1")) {
            assertTrue(LoginPage.open(browser, server, Pkce.create()).signIn(agent.username(), agent.password())
                    .redirectedToApplication());
        }
    }

    @Test
    void agentOutsideIsToldToUseTheVpnInFrench(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnitFrom("127.0.0.9")) {
            LoginPage page = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), agent.password()).pageAgain();
            assertNotNull(page, "no way to the webmail from outside");
            assertEquals(403, page.status());
            assertEquals("Connectez-vous d’abord au VPN", page.text("kc-page-title"));
            assertTrue(page.text("casvp-vpn-helpdesk").contains("01 44 67 15 15"), page.text("casvp-vpn-helpdesk"));
        }
    }

    /**
     * Forgot password is no way around the gate: from outside, the recovery ends on "your
     * account is up to date" with no session, and the sign-in that follows meets the gate.
     */
    @Test
    void forgotPasswordFromOutsideEndsSignedOutAndTheNextSignInMeetsTheGate(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);
        String password = TestUsers.passphrase();
        try (WebClient browser = Browsers.htmlUnitFrom("127.0.0.9")) {
            new UpdatePasswordPage(browser, server, ForgotPassword.withMailedCode(browser, server, agent, recovery))
                    .submitEndingRecovery(password);
            assertEquals(0, realm.users().get(agent.id()).getUserSessions().size(), "the reset opened no session");
            LoginPage page = LoginPage.open(browser, server, Pkce.create()).signIn(agent.username(), password).pageAgain();
            assertNotNull(page, "the new password does not open the webmail from outside either");
            assertEquals(403, page.status());
            assertEquals("Connectez-vous d’abord au VPN", page.text("kc-page-title"));
        }
        try (WebClient inside = Browsers.htmlUnitFrom("127.0.0.1")) {
            assertTrue(LoginPage.open(inside, server, Pkce.create()).signIn(agent.username(), password)
                    .redirectedToApplication(), "inside, the new password works");
        }
    }

    /**
     * A sprayer outside the trusted networks learns nothing: a right password, a wrong one and
     * an unknown identifier all get the VPN page (403), and the wrong one still counts against
     * the agent's lock. A member of the mobility group (who may pass) gets the usual error.
     */
    @Test
    void fromOutsideARightAndAWrongPasswordGetTheSamePage(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        LoginPage right = outsideAttempt(server, agent.username(), agent.password());
        LoginPage wrong = outsideAttempt(server, agent.username(), "Printemps2026!");
        LoginPage unknown = outsideAttempt(server, "agent.inexistant", "Printemps2026!");
        String expected = right.html().asNormalizedText().replace(agent.username(), "<identifiant>");
        assertEquals(expected, wrong.html().asNormalizedText().replace(agent.username(), "<identifiant>"));
        assertEquals(expected, unknown.html().asNormalizedText().replace("agent.inexistant", "<identifiant>"));
        for (LoginPage page : List.of(wrong, unknown)) {
            assertEquals(right.status(), page.status());
            assertEquals(right.title(), page.title());
        }
        assertEquals(403, wrong.status());
        assertEquals("Connectez-vous d’abord au VPN", wrong.text("kc-page-title"));
        assertEquals(1, Events.of(server, agent.id(), "LOGIN_ERROR").stream()
                .filter(e -> "invalid_user_credentials".equals(e.getError())).count(), "the wrong password counted");

        TestUsers.Agent mobile = TestUsers.create(server, "fr");
        String groupId = mobilityGroupWith(mobile);
        try {
            LoginPage error = outsideAttempt(server, mobile.username(), "Printemps2026!");
            assertEquals(200, error.status());
            assertTrue(error.isSignInForm(), "a mobility agent may pass the gate: the usual error");
        } finally {
            realm.groups().group(groupId).remove();
        }
    }

    private static LoginPage outsideAttempt(KeycloakServer server, String username, String password) throws Exception {
        try (WebClient browser = Browsers.htmlUnitFrom("127.0.0.9")) {
            LoginPage page = LoginPage.open(browser, server, Pkce.create()).signIn(username, password).pageAgain();
            assertNotNull(page, "nothing opens from outside");
            return page;
        }
    }

    @Test
    void forgedForwardedForHeaderDoesNotOpenTheGate(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnitFrom("127.0.0.9")) {
            browser.addRequestHeader("X-Forwarded-For", "127.0.0.1");
            browser.addRequestHeader("Forwarded", "for=127.0.0.1");
            LoginPage page = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), agent.password()).pageAgain();
            assertNotNull(page, "Keycloak does not trust proxy headers unless told to");
            assertEquals(403, page.status());
        }
    }

    @Test
    void agentInTheMobilityGroupFromOutsideMustFirstSetUpASecondFactor(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String groupId = mobilityGroupWith(agent);
        try {
            try (WebClient browser = Browsers.htmlUnitFrom("127.0.0.9")) {
                LoginPage page = LoginPage.open(browser, server, Pkce.create())
                        .signIn(agent.username(), agent.password()).pageAgain();
                assertNotNull(page, "not straight to the webmail from outside");
                assertNotNull(page.element("kc-totp-settings"), "the agent enrols a one-time-code app first");
            }
            try (WebClient browser = Browsers.htmlUnitFrom("127.0.0.1")) {
                assertTrue(LoginPage.open(browser, server, Pkce.create()).signIn(agent.username(), agent.password())
                        .redirectedToApplication(), "inside, the same agent without a second factor signs in");
            }
        } finally {
            realm.groups().group(groupId).remove();
        }
    }

    /**
     * A network is the agent's own while one of their browsers was used there lately, even
     * after that browser moved on: no "unusual network" verdict (nor alert) for it, while a
     * network none of their browsers knows gets one. From outside, the agent types a code
     * from their app each time (the realm lets a code be used twice for this test, so that
     * three sign-ins within half a minute need no waiting).
     */
    @Test
    void aNetworkStaysTheAgentsOwnAfterTheirBrowserMovesOn(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String groupId = mobilityGroupWith(agent);
        RealmRepresentation settings = realm.toRepresentation();
        Boolean codeReusable = settings.isOtpPolicyCodeReusable();
        settings.setOtpPolicyCodeReusable(true);
        realm.update(settings);
        try (WebClient laptop = Browsers.htmlUnitFrom("127.0.0.1"); WebClient phone = Browsers.htmlUnitFrom("127.0.1.9")) {
            assertTrue(LoginPage.open(laptop, server, Pkce.create()).signIn(agent.username(), agent.password())
                    .redirectedToApplication(), "first browser, at the agency");

            LoginPage.SignInResult outside = LoginPage.open(phone, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            assertNotNull(outside.pageAgain(), "from outside, a second factor first");
            String secret = Totp.enrol(phone, server, outside.pageAgain().html());

            laptop.getOptions().setLocalAddress(InetAddress.getByName("127.0.1.10"));
            signInWithAppCode(laptop, server, agent, secret);
            phone.getOptions().setLocalAddress(InetAddress.getByName("127.0.0.9"));
            signInWithAppCode(phone, server, agent, secret);
        } finally {
            settings.setOtpPolicyCodeReusable(codeReusable);
            realm.update(settings);
            realm.groups().group(groupId).remove();
        }

        // The phone's first sign-in ends with setting up the app: its LOGIN event comes from that
        // page, without the device step's details, so its verdict is read in the alert it raised.
        List<String> verdicts = Events.loginDetails(server, agent.id()).stream()
                .filter(login -> login.containsKey("casvp_device"))
                .map(login -> login.get("casvp_device") + " " + login.get("casvp_network") + " " + login.get("casvp_alert"))
                .toList();
        assertEquals(List.of(
                "first usual none",     // laptop at the agency
                "known usual none",     // laptop moves to the phone's network: the phone was there just now
                "known usual none"),    // phone moves next to the agency, where the laptop was before it moved
                verdicts);
        MimeMessage phoneAlert = Mailbox.awaitSubject(server.mail(), agent.email(), NEW_DEVICE_ALERT, Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("the phone's first sign-in raises an alert"));
        String alert = Mailbox.textPart(phoneAlert);
        assertTrue(alert.contains("sur un réseau inhabituel pour vous") && alert.contains("127.0.1.0/24"),
                "a network none of the agent's browsers knew: " + alert);
    }

    private static void signInWithAppCode(WebClient browser, KeycloakServer server, TestUsers.Agent agent,
                                          String secret) throws Exception {
        SignIns.closeAndReopen(browser);
        LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                .signIn(agent.username(), agent.password());
        assertNotNull(result.pageAgain(), "from outside, the app's code is asked");
        assertNotNull(Totp.submit(browser, server, result.pageAgain().html(), Totp.code(secret)).redirect(),
                "in with the app's code");
    }

    /** Adds the agent to a group the gate lets through from outside (with a second factor); returns the group's id. */
    private String mobilityGroupWith(TestUsers.Agent agent) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(MOBILITY_GROUP);
        String groupId;
        try (Response created = realm.groups().add(group)) {
            groupId = CreatedResponseUtil.getCreatedId(created);
        }
        realm.users().get(agent.id()).joinGroup(groupId);
        return groupId;
    }
}
