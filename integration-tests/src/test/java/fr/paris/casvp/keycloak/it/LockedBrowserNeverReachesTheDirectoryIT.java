package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.CountingLdapDirectory;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.ws.rs.core.Response;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.EventRepresentation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A locked-out browser's attempts do not reach a federated LDAP directory: once the
 * unknown browsers of an agent are locked, their tries — even with the right password —
 * are refused before the password is checked, so the directory receives no bind for the
 * agent (no load on it, no lockout of the agent by the directory's own policy), while the
 * agent's own browser still signs in through it.
 */
@CasvpIntegrationTest
class LockedBrowserNeverReachesTheDirectoryIT {

    private static final String GENERIC_ERROR = "Nom d'utilisateur ou mot de passe invalide.";
    /** Fresh browsers come from another address than the agent's (127.0.0.1), inside the trusted range. */
    private static final String ATTACKER_SOURCE = "127.0.0.60";
    private static final int LOCK_AFTER = 3;
    private static final int LOCKED_ATTEMPTS = 20;

    @Test
    void lockedBrowsersSendNoBindWhileTheAgentsOwnBrowserStillSignsInThroughTheDirectory(KeycloakServer server)
            throws Exception {
        RealmResource realm = server.admin().realm(KeycloakServer.REALM);
        List<AuthenticatorConfigRepresentation> found = RealmSettings.stepSettings(realm, "casvp-password-form");
        assertEquals(1, found.size());
        AuthenticatorConfigRepresentation settings = found.get(0);
        Map<String, String> original = new LinkedHashMap<>(settings.getConfig());

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String uid = "ldap.agent" + suffix;
        TestUsers.Agent agent = new TestUsers.Agent(null, uid, uid + "@casvp.test", TestUsers.passphrase());

        try (CountingLdapDirectory directory = new CountingLdapDirectory(uid, "Dominique", "Annuaire" + suffix,
                agent.email(), agent.password())) {
            String federation;
            try (Response created = realm.components().add(
                    directory.keycloakFederation(realm.toRepresentation().getId(), "casvp-ldap-" + suffix))) {
                federation = CreatedResponseUtil.getCreatedId(created);
            }
            try {
                Map<String, String> config = new LinkedHashMap<>(original);
                config.putAll(Map.of("lockoutDelayAfter", Integer.toString(LOCK_AFTER),
                        "lockoutLockAfter", Integer.toString(LOCK_AFTER), "lockoutLockMinutes", "60"));
                settings.setConfig(config);
                realm.flows().updateAuthenticatorConfig(settings.getId(), settings);

                scenario(server, realm, directory, agent);
            } finally {
                try {
                    settings.setConfig(original);
                    realm.flows().updateAuthenticatorConfig(settings.getId(), settings);
                } finally {
                    // also removes the users imported from the directory
                    realm.components().component(federation).remove();
                }
            }
        }
    }

    private void scenario(KeycloakServer server, RealmResource realm, CountingLdapDirectory directory,
                          TestUsers.Agent agent) throws Exception {
        try (WebClient own = Browsers.htmlUnit("fr")) {
            // 1. The agent signs in from their own browser, checked by the directory.
            SignIns.signIn(own, server, agent);
            int afterFirstSignIn = directory.userBinds();
            report("after the first sign-in of the agent's own browser", directory);
            assertEquals(1, afterFirstSignIn, "the agent's password was checked by one bind to the directory");
            assertEquals(1, directory.successfulUserBinds());
            String userId = realm.users().search(agent.username(), true).get(0).getId();
            assertNotNull(realm.users().get(userId).toRepresentation().getFederationLink(),
                    "the agent comes from the directory");

            // 2. Wrong passwords from fresh browsers until the unknown browsers are locked:
            //    each of these is checked by the directory.
            for (int i = 0; i < LOCK_AFTER; i++) {
                try (WebClient fresh = Browsers.htmlUnitFrom(ATTACKER_SOURCE)) {
                    LoginPage page = attempt(fresh, server, agent.username(), "mauvais mot de passe " + UUID.randomUUID());
                    assertEquals(GENERIC_ERROR, page.inputError());
                }
            }
            int whenLocked = directory.userBinds();
            report("after " + LOCK_AFTER + " wrong passwords from fresh browsers", directory);
            assertEquals(afterFirstSignIn + LOCK_AFTER, whenLocked, "each counted failure was one bind");

            // 3. The unknown browsers are locked: nothing they try reaches the directory,
            //    not even the right password, which is refused like a wrong one.
            int rightPasswordTries = 0;
            for (int i = 0; i < LOCKED_ATTEMPTS; i++) {
                boolean right = i % 5 == 4;
                String password = right ? agent.password() : "mauvais mot de passe " + UUID.randomUUID();
                try (WebClient fresh = Browsers.htmlUnitFrom(ATTACKER_SOURCE)) {
                    LoginPage page = attempt(fresh, server, agent.username(), password);
                    assertTrue(page.isSignInForm(), "the sign-in page comes back");
                    assertEquals(GENERIC_ERROR, page.inputError());
                }
                if (right) {
                    rightPasswordTries++;
                }
                assertEquals(whenLocked, directory.userBinds(),
                        "attempt " + (i + 1) + " of a locked browser" + (right ? " (right password)" : "")
                                + " reached the directory");
            }
            assertEquals(4, rightPasswordTries);
            report("after " + LOCKED_ATTEMPTS + " attempts of locked browsers (" + rightPasswordTries
                    + " with the right password)", directory);
            List<String> outcomes = Events.of(server, userId, "LOGIN_ERROR").stream()
                    .map(EventRepresentation::getDetails)
                    .map(details -> details == null ? null : details.get("casvp_lockout")).toList();
            assertEquals(LOCKED_ATTEMPTS, outcomes.stream().filter("blocked"::equals).count(), outcomes.toString());
            assertEquals(LOCK_AFTER, outcomes.stream().filter("counted"::equals).count(), outcomes.toString());

            // 4. The agent's own browser is not locked: it signs in, checked by the directory.
            SignIns.signIn(own, server, agent);
            assertEquals(whenLocked + 1, directory.userBinds(), "the agent's own sign-in reached the directory");
            assertEquals(2, directory.successfulUserBinds());
            report("after the agent's own browser signed in again", directory);
        }
    }

    /** The counts, in the test output (failsafe report), phase by phase. */
    private static void report(String phase, CountingLdapDirectory directory) {
        System.out.printf("[directory] binds for %s %s: %d (successful: %d)%n", directory.userDn(), phase,
                directory.userBinds(), directory.successfulUserBinds());
    }

    private static LoginPage attempt(WebClient browser, KeycloakServer server, String username, String password)
            throws Exception {
        LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create()).signIn(username, password);
        assertNotNull(result.pageAgain(), "not signed in");
        return result.pageAgain();
    }
}
