package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.PasswordReset;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.StepChange;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.ws.rs.core.Response;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the admin console shows and does about the bundle's locks, through the admin REST calls
 * the console makes: {@code GET …/attack-detection/brute-force/users/{id}} on the user's page,
 * {@code DELETE} on the same path for "unlock", {@code DELETE …/brute-force/users} for "unlock
 * all users". The admin asks from their own browser; the answer is about the agent's.
 */
@CasvpIntegrationTest
class LocksInTheAdminConsoleIT {

    private static final String ATTACKER = "127.0.0.161";
    private static final String LATER = "127.0.0.162";

    private RealmResource realm;
    private StepChange lockout;

    @BeforeEach
    void lockAfterFiveFailures(KeycloakServer server) {
        realm = server.admin().realm(KeycloakServer.REALM);
        lockout = StepChange.of(realm, "casvp-password-form",
                Map.of("lockoutDelayAfter", "5", "lockoutLockAfter", "5", "lockoutLockMinutes", "60"));
    }

    @AfterEach
    void restore() {
        lockout.close();
    }

    @Test
    void theConsoleShowsAStrangersLockAndItsUnlockLetsTheAgentInFromAnyBrowser(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient own = Browsers.htmlUnit("fr")) {
            SignIns.signIn(own, server, agent);
            lockTheUnknownBrowsers(server, agent);

            Map<String, Object> status = realm.attackDetection().bruteForceUserStatus(agent.id());
            assertEquals(true, status.get("disabled"), status.toString());
            assertEquals(5, ((Number) status.get("numFailures")).intValue(), status.toString());
            assertEquals(ATTACKER, status.get("lastIPFailure"), status.toString());
            assertTrue(((Number) status.get("failedLoginNotBefore")).longValue() * 1000L > System.currentTimeMillis(),
                    status.toString());

            SignIns.signIn(own, server, agent);
            assertEquals(true, realm.attackDetection().bruteForceUserStatus(agent.id()).get("disabled"),
                    "the agent signing in from their own browser does not hide the strangers' lock");
        }
        assertFalse(signsIn(server, agent, LATER), "a new browser is refused while the lock holds");

        realm.attackDetection().clearBruteForceForUser(agent.id());

        assertTrue(signsIn(server, agent, LATER), "right after the unlock a new browser signs in");
        Map<String, Object> after = realm.attackDetection().bruteForceUserStatus(agent.id());
        assertEquals(false, after.get("disabled"), after.toString());
        assertEquals(0, ((Number) after.get("numFailures")).intValue(), after.toString());
        String path = "attack-detection/brute-force/users/" + agent.id();
        List<AdminEventRepresentation> unlocks = realm.getAdminEvents(List.of("DELETE"), null, null, null, null, path,
                List.of("USER_LOGIN_FAILURE"), null, null, 0, 10);
        assertEquals(1, unlocks.size(), "the unlock is in the realm's admin events");
        assertEquals(path, unlocks.get(0).getResourcePath());
    }

    /** A lock of the agent's own browser (a phone with a wrong password) shows too, though the admin's browser is not it. */
    @Test
    void theConsoleShowsALockOfTheAgentsOwnBrowserAndItsUnlockLetsItIn(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient own = Browsers.htmlUnitFrom(LATER)) {
            SignIns.signIn(own, server, agent);
            for (int i = 0; i < 5; i++) {
                SignIns.closeAndReopen(own);
                LoginPage.open(own, server, Pkce.create()).signIn(agent.username(), "ancien mot de passe " + i);
            }
            Map<String, Object> status = realm.attackDetection().bruteForceUserStatus(agent.id());
            assertEquals(true, status.get("disabled"), status.toString());
            assertEquals(5, ((Number) status.get("numFailures")).intValue(), status.toString());
            SignIns.closeAndReopen(own);
            assertFalse(LoginPage.open(own, server, Pkce.create()).signIn(agent.username(), agent.password())
                    .redirectedToApplication(), "the agent's browser is locked");

            realm.attackDetection().clearBruteForceForUser(agent.id());

            SignIns.signIn(own, server, agent);
        }
    }

    /**
     * The users list marks the agent "temporarily locked" (ui-ext/brute-force-user); the
     * switch on the user's page unlocks by saving {@code enabled: true}, as the console does.
     */
    @Test
    void theUsersListShowsTheLockAndTheUserPagesSwitchLiftsIt(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        lockTheUnknownBrowsers(server, agent);
        String list = admin(server, "GET", "ui-ext/brute-force-user?exact=true&search="
                + URLEncoder.encode(agent.username(), StandardCharsets.UTF_8), null);
        assertTrue(list.contains("\"bruteForceStatus\":{") && list.contains("\"disabled\":true"), list);

        admin(server, "PUT", "users/" + agent.id(), "{\"enabled\":true}");

        assertTrue(signsIn(server, agent, LATER), "the switch lifted the lock: a new browser signs in");
        assertEquals(false, realm.attackDetection().bruteForceUserStatus(agent.id()).get("disabled"));
    }

    @Test
    void unlockAllUsersLetsEveryLockedAgentIn(KeycloakServer server) throws Exception {
        TestUsers.Agent first = TestUsers.create(server, "fr");
        TestUsers.Agent second = TestUsers.create(server, "fr");
        lockTheUnknownBrowsers(server, first);
        lockTheUnknownBrowsers(server, second);
        assertEquals(true, realm.attackDetection().bruteForceUserStatus(second.id()).get("disabled"));

        realm.attackDetection().clearAllBruteForce();

        assertTrue(signsIn(server, first, LATER), "the first agent signs in from a new browser");
        assertTrue(signsIn(server, second, LATER), "and the second");
        assertEquals(false, realm.attackDetection().bruteForceUserStatus(first.id()).get("disabled"));
    }

    /** The master realm has no bundle form: Keycloak's own lock, shown and lifted by Keycloak. */
    @Test
    void theMasterRealmKeepsKeycloaksOwnLock(KeycloakServer server) throws Exception {
        RealmResource master = server.admin().realm("master");
        RealmRepresentation before = master.toRepresentation();
        RealmRepresentation protectedMaster = master.toRepresentation();
        protectedMaster.setBruteForceProtected(true);
        protectedMaster.setPermanentLockout(false);
        protectedMaster.setFailureFactor(3);
        protectedMaster.setMaxFailureWaitSeconds(900);
        protectedMaster.setWaitIncrementSeconds(600);
        String username = "ops." + UUID.randomUUID().toString().substring(0, 8);
        String password = TestUsers.passphrase();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@casvp.test");
        user.setEmailVerified(true);
        user.setFirstName("Ops");
        user.setLastName("Test");
        user.setCredentials(List.of(PasswordReset.password(password)));
        String id;
        try (Response created = master.users().create(user)) {
            id = CreatedResponseUtil.getCreatedId(created);
        }
        try {
            master.update(protectedMaster);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> wrong = masterPasswordGrant(server, username, "faux mot de passe " + i);
                assertEquals(400, wrong.statusCode(), wrong.body());
            }
            assertEquals(true, master.attackDetection().bruteForceUserStatus(id).get("disabled"));
            HttpResponse<String> locked = masterPasswordGrant(server, username, password);
            assertNotEquals(200, locked.statusCode(), "Keycloak's lock refuses even the right password");

            master.attackDetection().clearBruteForceForUser(id);

            assertEquals(false, master.attackDetection().bruteForceUserStatus(id).get("disabled"));
            HttpResponse<String> unlocked = masterPasswordGrant(server, username, password);
            assertEquals(200, unlocked.statusCode(), unlocked.body());
        } finally {
            master.update(before);
            master.users().delete(id).close();
        }
    }

    /** Five wrong passwords, each from a new browser of the same stranger's machine. */
    private static void lockTheUnknownBrowsers(KeycloakServer server, TestUsers.Agent agent) throws Exception {
        for (int i = 0; i < 5; i++) {
            try (WebClient attacker = Browsers.htmlUnitFrom(ATTACKER)) {
                LoginPage.open(attacker, server, Pkce.create()).signIn(agent.username(), "mauvais mot de passe " + i);
            }
        }
    }

    private static boolean signsIn(KeycloakServer server, TestUsers.Agent agent, String source) throws Exception {
        try (WebClient browser = Browsers.htmlUnitFrom(source)) {
            return LoginPage.open(browser, server, Pkce.create()).signIn(agent.username(), agent.password())
                    .redirectedToApplication();
        }
    }

    /** A call to the casvp realm's admin REST API as the console makes it, with the server admin's token. */
    private static String admin(KeycloakServer server, String method, String path, String json) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/" + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + server.admin().tokenManager().getAccessTokenString())
                        .header("Content-Type", "application/json")
                        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, response.statusCode() + " " + response.body());
        return response.body();
    }

    /** The status and body of a password grant on master's admin-cli (closed in casvp, open in a stock master). */
    private static HttpResponse<String> masterPasswordGrant(KeycloakServer server, String username, String password) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response;
    }
}
