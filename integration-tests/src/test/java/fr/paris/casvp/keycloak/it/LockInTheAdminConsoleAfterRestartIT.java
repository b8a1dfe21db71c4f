package fr.paris.casvp.keycloak.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.FreePorts;
import fr.paris.casvp.keycloak.it.support.ItSettings;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.PostgresDatabase;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The lock is in the database, what the admin console reads of it in Keycloak's login-failures
 * cache, in memory: after a restart the console sees the lock again from the next try of the
 * locked browsers, and its unlock lifts it. Starts its own Keycloak twice on a fresh PostgreSQL
 * database.
 */
class LockInTheAdminConsoleAfterRestartIT {

    private static final String ATTACKER = "127.0.0.165";

    @Test
    void afterARestartTheNextTryOfALockedBrowserShowsTheLockAgainAndTheUnlockLiftsIt() throws Exception {
        assumeTrue(ItSettings.servicesRequired() || PostgresDatabase.available(), "no PostgreSQL at 127.0.0.1:5432");
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), InetAddress.getLoopbackAddress().getHostAddress(),
                ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (PostgresDatabase database = PostgresDatabase.create()) {
            DistributionKeycloak.Options options = DistributionKeycloak.Options.forTests(mail, database.keycloakEnvironment());
            TestUsers.Agent agent;
            try (DistributionKeycloak before = DistributionKeycloak.start(options)) {
                RealmSettings.recoveryAddressPrompt(before.admin(), false);
                var realm = before.admin().realm(KeycloakServer.REALM);
                AuthenticatorConfigRepresentation form = RealmSettings.stepSettings(realm, "casvp-password-form").get(0);
                form.getConfig().put("lockoutDelayAfter", "5");
                form.getConfig().put("lockoutLockAfter", "5");
                realm.flows().updateAuthenticatorConfig(form.getId(), form);
                agent = TestUsers.create(before, "fr");
                for (int i = 0; i < 5; i++) {
                    try (WebClient attacker = Browsers.htmlUnitFrom(ATTACKER)) {
                        LoginPage.open(attacker, before, Pkce.create()).signIn(agent.username(), "mauvais mot de passe " + i);
                    }
                }
                assertEquals(true, realm.attackDetection().bruteForceUserStatus(agent.id()).get("disabled"));
            }

            try (DistributionKeycloak after = DistributionKeycloak.start(options)) {
                var realm = after.admin().realm(KeycloakServer.REALM);
                assertEquals(false, realm.attackDetection().bruteForceUserStatus(agent.id()).get("disabled"),
                        "Keycloak's record went with the restart (it is kept in memory only)");
                assertFalse(signsIn(after, agent), "the lock outlives the restart");
                assertEquals(true, realm.attackDetection().bruteForceUserStatus(agent.id()).get("disabled"),
                        "that refused try brought the console's view back");

                realm.attackDetection().clearBruteForceForUser(agent.id());

                assertTrue(signsIn(after, agent), "the console's unlock lifted the lock");
            }
        } finally {
            mail.stop();
        }
    }

    private static boolean signsIn(KeycloakServer server, TestUsers.Agent agent) throws Exception {
        try (WebClient browser = Browsers.htmlUnitFrom(ATTACKER)) {
            return LoginPage.open(browser, server, Pkce.create()).signIn(agent.username(), agent.password())
                    .redirectedToApplication();
        }
    }
}
