package fr.paris.casvp.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.ws.rs.BadRequestException;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;
import org.keycloak.representations.idm.ErrorRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The realm's trusted networks as an admin sets them in the admin console (Authentication,
 * Required actions, "CASVP trusted networks", gear): a bad range is refused when saved, with
 * a message naming it; a good list judges the very next sign-ins, without a restart.
 * Browsers connect from loopback source addresses (127.0.0.x) that stand for machines.
 */
@CasvpIntegrationTest
class TrustedNetworksSettingIT {

    private static final String SETTING = RealmSettings.TRUSTED_NETWORKS_SETTING;
    private static final String VPN_PAGE_TITLE = "Connectez-vous d’abord au VPN";

    private RealmResource realm;
    private String original;

    @BeforeEach
    void rememberTheSetting(KeycloakServer server) {
        realm = server.admin().realm(KeycloakServer.REALM);
        original = RealmSettings.trustedNetworks(realm);
    }

    @AfterEach
    void restore() {
        RealmSettings.setTrustedNetworks(realm, original);
    }

    @Test
    void theConsoleOffersTheSettingBehindAGearButNeverToUsers(KeycloakServer server) throws Exception {
        RequiredActionProviderRepresentation action = realm.flows().getRequiredAction(SETTING);
        assertFalse(action.isEnabled(), "disabled: no admin can give it to a user, no user is asked for it");
        assertFalse(action.isDefaultAction());
        assertFalse(original.isBlank() || original.contains("${"),
                "the realm file's ${CASVP_TRUSTED_NETWORKS:…} is substituted at import: " + original);

        // The console draws the gear from this flag of its own endpoint, enabled or not.
        JsonNode listed = null;
        for (JsonNode row : new ObjectMapper().readTree(
                adminGet(server, "/ui-ext/authentication-management/required-actions"))) {
            if (SETTING.equals(row.path("alias").asText())) {
                listed = row;
            }
        }
        assertNotNull(listed, "listed under Required actions");
        assertTrue(listed.path("configurable").asBoolean(), listed.toString());

        List<ConfigPropertyRepresentation> form = realm.flows().getRequiredActionConfigDescription(SETTING).getProperties();
        assertEquals(List.of("trustedNetworks"), form.stream().map(ConfigPropertyRepresentation::getName).toList());
        assertEquals("Text", form.get(0).getType(), "a multi-line field");
    }

    @Test
    void aBadRangeIsRefusedWhenSavedWithTheEntryNamedAndTheSavedListIsKept() {
        String saved = "127.0.0.1/32\n::1/128";
        RealmSettings.setTrustedNetworks(realm, saved);
        Map<String, String> mistakes = Map.of(
                "10.20.1.0/16", "did you mean 10.20.0.0/16?",
                "2001:db8::/129", "at most 128",
                "localhost", "host names are not allowed", // were it looked up, it would pass as 127.0.0.1
                "vpn.casvp.paris.fr/24", "host names are not allowed");
        mistakes.forEach((entry, reason) -> {
            BadRequestException refused = assertThrows(BadRequestException.class,
                    () -> RealmSettings.setTrustedNetworks(realm, "127.0.0.1/32\n" + entry + "\n::1/128"), entry);
            ErrorRepresentation error = refused.getResponse().readEntity(ErrorRepresentation.class);
            assertEquals("trustedNetworks", error.getField());
            assertTrue(error.getErrorMessage().contains("\"" + entry + "\""), error.getErrorMessage());
            assertTrue(error.getErrorMessage().contains(reason), error.getErrorMessage());
            assertEquals(saved, RealmSettings.trustedNetworks(realm), "nothing saved after refusing " + entry);
        });
    }

    @Test
    void aSavedListJudgesTheNextSignInsAtOnce(KeycloakServer server) throws Exception {
        RealmSettings.setTrustedNetworks(realm, "127.0.0.1/32, ::1/128");
        assertTrue(signsIn(server, TestUsers.create(server, "fr"), "127.0.0.1"), "127.0.0.1 is inside: in");
        TestUsers.Agent later = TestUsers.create(server, "fr");
        assertToldToUseTheVpn(server, later, "127.0.0.9");

        RealmSettings.setTrustedNetworks(realm, "127.0.0.8/29");
        assertTrue(signsIn(server, later, "127.0.0.9"), "the next sign-in from 127.0.0.9 is judged by the new list");
        assertToldToUseTheVpn(server, TestUsers.create(server, "fr"), "127.0.0.1");
    }

    /**
     * Listing required actions in a realm file replaces Keycloak's defaults at import: the
     * casvp realm must still have every one a new realm gets, as a new realm has it.
     */
    @Test
    void declaringTheSettingKeepsEveryRequiredActionANewRealmGets(KeycloakServer server) {
        String name = "required-actions-" + UUID.randomUUID().toString().substring(0, 8);
        RealmRepresentation fresh = new RealmRepresentation();
        fresh.setRealm(name);
        fresh.setEnabled(true);
        server.admin().realms().create(fresh);
        try {
            Map<String, String> casvp = describe(realm.flows().getRequiredActions());
            assertNotNull(casvp.remove(SETTING));
            assertNotNull(casvp.remove(RealmSettings.RECOVERY_ADDRESS_ACTION), "the bundle's recovery address action");
            assertNotNull(casvp.remove("casvp-agent-settings"), "the realm's agent settings");
            assertEquals(describe(server.admin().realm(name).flows().getRequiredActions()), casvp);
        } finally {
            server.admin().realm(name).remove();
        }
    }

    private static Map<String, String> describe(List<RequiredActionProviderRepresentation> actions) {
        Map<String, String> described = new TreeMap<>();
        for (RequiredActionProviderRepresentation a : actions) {
            described.put(a.getAlias(), a.getProviderId() + " \"" + a.getName() + "\" enabled=" + a.isEnabled()
                    + " default=" + a.isDefaultAction() + " priority=" + a.getPriority());
        }
        return described;
    }

    private static boolean signsIn(KeycloakServer server, TestUsers.Agent agent, String source) throws Exception {
        try (WebClient browser = Browsers.htmlUnitFrom(source)) {
            return LoginPage.open(browser, server, Pkce.create()).signIn(agent.username(), agent.password())
                    .redirectedToApplication();
        }
    }

    private static void assertToldToUseTheVpn(KeycloakServer server, TestUsers.Agent agent, String source)
            throws Exception {
        try (WebClient browser = Browsers.htmlUnitFrom(source)) {
            LoginPage page = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), agent.password()).pageAgain();
            assertNotNull(page, source + " is outside: not in");
            assertEquals(403, page.status(), source);
            assertEquals(VPN_PAGE_TITLE, page.text("kc-page-title"), source);
        }
    }

    private static String adminGet(KeycloakServer server, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + server.admin().tokenManager().getAccessTokenString())
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
