package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import fr.paris.casvp.keycloak.it.support.Totp;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Accounts with the admin role always pass a second factor, even inside the trusted
 * networks on a known device, and enrol first when they have none — asked once, not once
 * per matching rule.
 */
@CasvpIntegrationTest
class AdminSecondFactorIT {

    @Test
    void anAdminOnTheTrustedNetworkMustEnrolThenIsAskedOnceAtEverySignIn(KeycloakServer server) throws Exception {
        TestUsers.Agent admin = TestUsers.create(server, "fr");
        RealmResource realm = server.admin().realm(KeycloakServer.REALM);
        String management = realm.clients().findByClientId("realm-management").get(0).getId();
        RoleRepresentation role = realm.clients().get(management).roles().get("realm-admin").toRepresentation();
        realm.users().get(admin.id()).roles().clientLevel(management).add(List.of(role));

        String secret;
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            LoginPage.SignInResult first = LoginPage.open(browser, server, Pkce.create())
                    .signIn(admin.username(), admin.password());
            assertNotNull(first.pageAgain(), "not in without a second factor, even from 127.0.0.1 (trusted)");
            assertNotNull(first.pageAgain().element("kc-totp-settings-form"), "made to enrol an app first");
            secret = Totp.enrol(browser, server, first.pageAgain().html());
        }
        // A new device inside: both the admin rule and the new-device rule apply; one code only.
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            LoginPage.SignInResult again = LoginPage.open(browser, server, Pkce.create())
                    .signIn(admin.username(), admin.password());
            assertNotNull(again.pageAgain(), "the code is asked on the trusted network");
            KeycloakForms.Outcome outcome = Totp.submit(browser, server, again.pageAgain().html(), Totp.code(secret, 1));
            assertNotNull(outcome.redirect(), "one code, once, then the webmail");
        }
    }
}
