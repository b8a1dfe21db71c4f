package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.ws.rs.core.Response;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VPN gate, with browsers connecting from different loopback source addresses:
 * 127.0.0.1 stands for the agency network, 127.0.0.9 for the outside.
 */
@CasvpIntegrationTest
class TrustedNetworkGateIT {

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
        GroupRepresentation group = new GroupRepresentation();
        group.setName(MOBILITY_GROUP);
        String groupId;
        try (Response created = realm.groups().add(group)) {
            groupId = CreatedResponseUtil.getCreatedId(created);
        }
        try {
            realm.users().get(agent.id()).joinGroup(groupId);
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
}
