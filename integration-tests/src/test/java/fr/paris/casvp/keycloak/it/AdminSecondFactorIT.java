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
 * Privileged accounts (any realm-management role, the helpdesk) always pass a second factor, even inside the trusted
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

    /**
     * Every way of holding power over other accounts asks for a second factor from the first
     * sign-in on, on the trusted network too: user management, a read-only "view" role,
     * impersonation, client management, the helpdesk role, a group that carries a management
     * role, a composite realm role that contains one. An ordinary agent goes straight in.
     */
    @Test
    void everyPrivilegedRoleMustEnrolASecondFactorBeforeGettingIn(KeycloakServer server) throws Exception {
        RealmResource realm = server.admin().realm(KeycloakServer.REALM);
        String management = realm.clients().findByClientId("realm-management").get(0).getId();
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 6);
        java.util.Map<String, java.util.function.Consumer<TestUsers.Agent>> grants = new java.util.LinkedHashMap<>();
        for (String clientRole : List.of("manage-users", "view-users", "impersonation", "manage-clients")) {
            grants.put(clientRole, agent -> realm.users().get(agent.id()).roles().clientLevel(management)
                    .add(List.of(realm.clients().get(management).roles().get(clientRole).toRepresentation())));
        }
        grants.put("casvp-helpdesk", agent -> realm.users().get(agent.id()).roles().realmLevel()
                .add(List.of(realm.roles().get("casvp-helpdesk").toRepresentation())));
        grants.put("group with query-users", agent -> {
            org.keycloak.representations.idm.GroupRepresentation group = new org.keycloak.representations.idm.GroupRepresentation();
            group.setName("gestion-" + suffix);
            String groupId;
            try (jakarta.ws.rs.core.Response created = realm.groups().add(group)) {
                groupId = org.keycloak.admin.client.CreatedResponseUtil.getCreatedId(created);
            }
            realm.groups().group(groupId).roles().clientLevel(management)
                    .add(List.of(realm.clients().get(management).roles().get("query-users").toRepresentation()));
            realm.users().get(agent.id()).joinGroup(groupId);
        });
        grants.put("composite realm role with view-events", agent -> {
            realm.roles().create(new RoleRepresentation("auditeur-" + suffix, null, false));
            realm.roles().get("auditeur-" + suffix).addComposites(
                    List.of(realm.clients().get(management).roles().get("view-events").toRepresentation()));
            realm.users().get(agent.id()).roles().realmLevel()
                    .add(List.of(realm.roles().get("auditeur-" + suffix).toRepresentation()));
        });
        for (var grant : grants.entrySet()) {
            TestUsers.Agent holder = TestUsers.create(server, "fr");
            grant.getValue().accept(holder);
            try (WebClient browser = Browsers.htmlUnit("fr")) {
                LoginPage.SignInResult first = LoginPage.open(browser, server, Pkce.create())
                        .signIn(holder.username(), holder.password());
                assertNotNull(first.pageAgain(), grant.getKey() + ": not in with a password alone");
                assertNotNull(first.pageAgain().element("kc-totp-settings-form"),
                        grant.getKey() + ": made to enrol an app first: " + first.pageAgain().html().asNormalizedText());
            }
        }
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            org.junit.jupiter.api.Assertions.assertTrue(LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), agent.password()).redirectedToApplication(), "an ordinary agent goes in");
        }
    }
}
