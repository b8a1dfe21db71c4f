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
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Keycloak processes on one PostgreSQL database, as two cluster nodes behind a load
 * balancer: failures counted on either node add up, so an attacker cannot double their
 * tries by alternating nodes, and the agent's own browser works on both.
 */
class LockoutAcrossNodesIT {

    @Test
    void failuresOnTwoNodesAddUpAndTheAgentsBrowserStillWorksOnBoth() throws Exception {
        assumeTrue(ItSettings.servicesRequired() || PostgresDatabase.available(), "no PostgreSQL at 127.0.0.1:5432");
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), InetAddress.getLoopbackAddress().getHostAddress(),
                ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (PostgresDatabase database = PostgresDatabase.create()) {
            DistributionKeycloak.Options first = DistributionKeycloak.Options.forTests(mail, database.keycloakEnvironment());
            DistributionKeycloak.Options second = new DistributionKeycloak.Options(first.home(), first.bundleJar(),
                    first.realmExportDir(), first.outputDir(), FreePorts.next(), FreePorts.next(), mail,
                    first.adminPassword(), first.webmailSecret(), first.webmailUrl(), false, first.environment());
            try (DistributionKeycloak nodeA = DistributionKeycloak.start(first)) {
                RealmSettings.recoveryAddressPrompt(nodeA.admin(), false);
                var realm = nodeA.admin().realm(KeycloakServer.REALM);
                AuthenticatorConfigRepresentation form = RealmSettings.stepSettings(realm, "casvp-password-form").get(0);
                form.getConfig().put("lockoutDelayAfter", "10");
                form.getConfig().put("lockoutLockAfter", "10");
                realm.flows().updateAuthenticatorConfig(form.getId(), form);
                TestUsers.Agent agent = TestUsers.create(nodeA, "fr");
                try (DistributionKeycloak nodeB = DistributionKeycloak.start(second);
                     WebClient own = Browsers.htmlUnit("fr")) {
                    SignIns.signIn(own, nodeA, agent);
                    for (int i = 0; i < 10; i++) {
                        try (WebClient attacker = Browsers.htmlUnit("fr")) {
                            LoginPage.SignInResult result = LoginPage.open(attacker, i % 2 == 0 ? nodeA : nodeB,
                                    Pkce.create()).signIn(agent.username(), "mauvais mot de passe " + i);
                            assertNotNull(result.pageAgain());
                        }
                    }
                    for (KeycloakServer node : List.of(nodeA, nodeB)) {
                        try (WebClient fresh = Browsers.htmlUnit("fr")) {
                            LoginPage.SignInResult result = LoginPage.open(fresh, node, Pkce.create())
                                    .signIn(agent.username(), agent.password());
                            assertNotNull(result.pageAgain(), "ten failures across the two nodes lock unknown browsers on "
                                    + node.baseUrl());
                        }
                    }
                    SignIns.signIn(own, nodeB, agent);
                    SignIns.signIn(own, nodeA, agent);
                }
            }
        } finally {
            mail.stop();
        }
    }
}
