package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The casvp realm export, imported at start-up by --import-realm, is what admins find in the console. */
@CasvpIntegrationTest
class RealmImportIT {

    @Test
    void realmSpeaksFrenchFirstWithTheCasvpThemes(KeycloakServer server) {
        RealmRepresentation realm = server.admin().realm(KeycloakServer.REALM).toRepresentation();
        assertTrue(realm.isEnabled());
        assertTrue(realm.isInternationalizationEnabled());
        assertEquals("fr", realm.getDefaultLocale());
        assertEquals(java.util.Set.of("fr", "en"), java.util.Set.copyOf(realm.getSupportedLocales()));
        assertEquals("casvp", realm.getLoginTheme());
        assertEquals("casvp", realm.getEmailTheme());
    }

    @Test
    void bruteForceProtectionAndTheBundlePasswordPoliciesAreOn(KeycloakServer server) {
        RealmRepresentation realm = server.admin().realm(KeycloakServer.REALM).toRepresentation();
        assertTrue(realm.isBruteForceProtected());
        assertTrue(realm.getPasswordPolicy().contains("casvp-entropy(bits=80,min=12,max=128)"),
                realm.getPasswordPolicy());
        assertTrue(realm.getPasswordPolicy().contains("casvp-sequence(4)"), realm.getPasswordPolicy());
        assertTrue(realm.getPasswordPolicy().contains("casvp-personal("), realm.getPasswordPolicy());
    }

    @Test
    void browserFlowUsesTheBundlePasswordFormAndKeycloakKeepsItsOtherFlows(KeycloakServer server) {
        var realm = server.admin().realm(KeycloakServer.REALM);
        assertEquals("casvp browser", realm.toRepresentation().getBrowserFlow());
        List<String> steps = realm.flows().getExecutions("casvp browser").stream()
                .map(e -> e.getProviderId() == null ? e.getDisplayName() : e.getProviderId()).toList();
        assertTrue(steps.contains("casvp-password-form"), steps.toString());
        assertTrue(steps.contains("auth-otp-form"), steps.toString());
        assertTrue(steps.contains("casvp-condition-new-device"), steps.toString());
        for (String secondFactor : List.of("casvp-email-otp", "webauthn-authenticator", "auth-recovery-authn-code-form")) {
            assertTrue(steps.contains(secondFactor), secondFactor + " missing from " + steps);
        }
        assertEquals("casvp reset credentials", realm.toRepresentation().getResetCredentialsFlow());
        assertEquals("casvp-device-recognition", steps.get(steps.size() - 1), "device recognition comes last: " + steps);
        List<String> flows = realm.flows().getFlows().stream().map(f -> f.getAlias()).toList();
        for (String builtIn : List.of("browser", "direct grant", "registration", "reset credentials", "clients")) {
            assertTrue(flows.contains(builtIn), builtIn + " missing from " + flows);
        }
        List<String> reset = realm.flows().getExecutions("casvp reset credentials").stream()
                .map(e -> e.getProviderId() == null ? e.getDisplayName() : e.getProviderId()).toList();
        assertTrue(reset.contains("casvp-recovery-code"), reset.toString());
        assertTrue(!reset.contains("reset-credential-email"), "no reset link to the webmail: " + reset);
    }

    @Test
    void requiredActionsKeepKeycloaksOwnAndAddTheRecoveryAddressPrompt(KeycloakServer server) {
        RealmResource realm = server.admin().realm(KeycloakServer.REALM);
        List<String> actions = realm.flows().getRequiredActions().stream().map(a -> a.getAlias()).toList();
        for (String own : List.of("CONFIGURE_TOTP", "UPDATE_PASSWORD", "VERIFY_EMAIL", "webauthn-register",
                "CONFIGURE_RECOVERY_AUTHN_CODES", "delete_credential", "update_user_locale", "casvp-recovery-address")) {
            assertTrue(actions.contains(own), own + " missing from " + actions);
        }
        assertEquals("3", realm.flows().getRequiredActionConfig("casvp-recovery-address").getConfig().get("maxPostpones"),
                "the export's settings are imported");
        assertNotNull(realm.roles().get("casvp-helpdesk").toRepresentation(), "the helpdesk role");
        assertTrue(realm.toRepresentation().getEventsListeners().contains("casvp-recovery"));
    }

    @Test
    void smtpPointsAtTheMailCatcherGivenAtImport(KeycloakServer server) {
        RealmRepresentation realm = server.admin().realm(KeycloakServer.REALM).toRepresentation();
        assertEquals(Integer.toString(server.mail().getSmtp().getPort()), realm.getSmtpServer().get("port"));
    }

    @Test
    void webmailIsAConfidentialCodeFlowClientThatRequiresPkce(KeycloakServer server) {
        List<ClientRepresentation> found = server.admin().realm(KeycloakServer.REALM).clients()
                .findByClientId(KeycloakServer.WEBMAIL_CLIENT_ID);
        assertEquals(1, found.size());
        ClientRepresentation webmail = found.get(0);
        assertFalse(webmail.isPublicClient());
        assertTrue(webmail.isStandardFlowEnabled());
        assertFalse(webmail.isImplicitFlowEnabled());
        assertFalse(webmail.isDirectAccessGrantsEnabled());
        assertEquals("S256", webmail.getAttributes().get("pkce.code.challenge.method"));
        assertTrue(webmail.getRedirectUris().contains(server.webmailRedirectUri() + "*"), webmail.getRedirectUris().toString());
    }

    @Test
    void demoAccountsExistAndOnlyTheAdminAdministersTheRealm(KeycloakServer server) {
        var users = server.admin().realm(KeycloakServer.REALM).users();
        for (String agent : List.of("camille.martin", "karim.benali")) {
            List<UserRepresentation> match = users.searchByUsername(agent, true);
            assertEquals(1, match.size(), agent);
            assertTrue(clientRoles(server, match.get(0).getId()).isEmpty(), agent + " must not be an admin");
        }
        List<UserRepresentation> admin = users.searchByUsername("admin.casvp", true);
        assertEquals(1, admin.size());
        assertTrue(clientRoles(server, admin.get(0).getId()).contains("realm-admin"));
    }

    private static List<String> clientRoles(KeycloakServer server, String userId) {
        String realmManagement = server.admin().realm(KeycloakServer.REALM).clients()
                .findByClientId("realm-management").get(0).getId();
        return server.admin().realm(KeycloakServer.REALM).users().get(userId).roles()
                .clientLevel(realmManagement).listEffective().stream().map(RoleRepresentation::getName).toList();
    }
}
