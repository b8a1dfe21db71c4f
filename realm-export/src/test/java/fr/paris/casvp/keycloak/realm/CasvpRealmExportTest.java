package fr.paris.casvp.keycloak.realm;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The realm file ops import in production: what it must and must not contain. */
class CasvpRealmExportTest {

    @Test
    void productionRealmCarriesNoAccountAndNoDemoPassword() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        assertNull(realm.getUsers(), "demo accounts live in casvp-demo-users.json only");
    }

    @Test
    void agentsAreAskedForARecoveryAddressAndForgotPasswordNeverMailsALinkToTheWebmail() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        var prompt = realm.getRequiredActions().stream()
                .filter(action -> "casvp-recovery-address".equals(action.getAlias())).findFirst().orElseThrow();
        assertTrue(prompt.isEnabled());
        assertEquals("realm-management.realm-admin", prompt.getConfig().get("mandatoryRole"));
        var reset = realm.getAuthenticationFlows().stream()
                .filter(flow -> flow.getAlias().equals(realm.getResetCredentialsFlow())).findFirst().orElseThrow();
        List<String> steps = reset.getAuthenticationExecutions().stream()
                .map(execution -> String.valueOf(execution.getAuthenticator())).toList();
        assertTrue(steps.contains("casvp-recovery-code"), steps.toString());
        assertFalse(steps.contains("reset-credential-email"), steps.toString());
        assertTrue(realm.getEventsListeners().contains("casvp-recovery"));
    }

    @Test
    void thePasswordGrantIsClosedForEveryClientOfTheRealm() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        var directGrant = realm.getAuthenticationFlows().stream()
                .filter(flow -> flow.getAlias().equals(realm.getDirectGrantFlow())).findFirst().orElseThrow();
        assertEquals(List.of("casvp-password-grant-refusal"), directGrant.getAuthenticationExecutions().stream()
                .map(execution -> execution.getAuthenticator()).toList());
        for (ClientRepresentation client : realm.getClients()) {
            var overrides = client.getAuthenticationFlowBindingOverrides();
            assertTrue(overrides == null || !overrides.containsKey("direct_grant"),
                    client.getClientId() + " must not bind another direct-grant flow");
        }
    }

    @Test
    void everyFlowDescriptionFitsKeycloaksColumn() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        realm.getAuthenticationFlows().forEach(flow -> assertTrue(
                flow.getDescription() == null || flow.getDescription().length() <= 255,
                flow.getAlias() + ": a description longer than 255 characters stops the import"));
    }

    @Test
    void realmIsFrenchFirstWithTheBundleThemesAndBruteForceOn() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        assertEquals("casvp", realm.getRealm());
        assertEquals("fr", realm.getDefaultLocale());
        assertEquals("casvp", realm.getLoginTheme());
        assertEquals("casvp", realm.getEmailTheme());
        assertEquals("casvp", realm.getAccountTheme(), "the account console with the agent's \"Mes appareils\" page");
        assertTrue(realm.isBruteForceProtected());
        assertTrue(realm.getPasswordPolicy().contains("casvp-entropy(bits=80,min=12,max=128)"), realm.getPasswordPolicy());
        assertTrue(realm.getPasswordPolicy().contains("casvp-sequence(4)"), realm.getPasswordPolicy());
        assertTrue(realm.getPasswordPolicy().contains("casvp-blocklist("), realm.getPasswordPolicy());
    }

    @Test
    void webmailNeedsItsSecretAndPkceAndHasNoPasswordGrant() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        List<ClientRepresentation> webmail = realm.getClients().stream()
                .filter(c -> "webmail".equals(c.getClientId())).toList();
        assertEquals(1, webmail.size());
        ClientRepresentation client = webmail.get(0);
        assertFalse(client.isPublicClient());
        assertFalse(client.isDirectAccessGrantsEnabled());
        assertFalse(client.isImplicitFlowEnabled());
        assertEquals("S256", client.getAttributes().get("pkce.code.challenge.method"));
        assertEquals("${CASVP_WEBMAIL_SECRET}", client.getSecret(), "the secret comes from the environment, with no default");
        assertEquals("${CASVP_WEBMAIL_URL:https://unset.invalid/CASVP_WEBMAIL_URL}", client.getRootUrl(),
                "no demo address: an unset URL is named by the bundle's import check");
    }

    @Test
    void mailGoesOutWithStartTlsUnlessOpsSayOtherwise() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        assertEquals("${CASVP_SMTP_STARTTLS:true}", realm.getSmtpServer().get("starttls"));
        assertEquals("${CASVP_SMTP_HOST}", realm.getSmtpServer().get("host"), "no default host: the import says it is missing");
        assertEquals("${CASVP_SMTP_PORT:587}", realm.getSmtpServer().get("port"), "the submission port");
    }

    @Test
    void trustedNetworksAreOneRealmSettingThatNoStepRepeats() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        List<RequiredActionProviderRepresentation> setting = realm.getRequiredActions().stream()
                .filter(a -> "casvp-trusted-networks".equals(a.getProviderId())).toList();
        assertEquals(1, setting.size());
        RequiredActionProviderRepresentation action = setting.get(0);
        assertEquals("casvp-trusted-networks", action.getAlias(), "the steps find the setting by this alias");
        assertFalse(action.isEnabled(), "never offered to users: a disabled action is still configurable");
        assertFalse(action.isDefaultAction());
        assertEquals("${CASVP_TRUSTED_NETWORKS:127.0.0.0/8, ::1/128}", action.getConfig().get("trustedNetworks"));
        realm.getAuthenticatorConfig().forEach(config -> assertFalse(config.getConfig().containsKey("trustedNetworks"),
                config.getAlias() + " must read the realm setting, not its own copy"));
    }

    @Test
    void theRecoveryAttributeAndTheSecurityContactAreOneRealmSettingThatNoStepRepeats() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        RequiredActionProviderRepresentation action = realm.getRequiredActions().stream()
                .filter(a -> "casvp-agent-settings".equals(a.getProviderId())).findFirst().orElseThrow();
        assertEquals("casvp-agent-settings", action.getAlias(), "the steps find the setting by this alias");
        assertFalse(action.isEnabled(), "never offered to users: a disabled action is still configurable");
        assertEquals("recoveryEmail", action.getConfig().get("secondaryAddressAttribute"));
        assertEquals("${CASVP_SECURITY_CONTACT}", action.getConfig().get("securityContact"));
        realm.getAuthenticatorConfig().forEach(config -> assertTrue(
                java.util.Collections.disjoint(config.getConfig().keySet(), action.getConfig().keySet()),
                config.getAlias() + " must read the realm setting, not its own copy"));
        realm.getRequiredActions().stream().filter(other -> other != action && other.getConfig() != null)
                .forEach(other -> assertTrue(
                        java.util.Collections.disjoint(other.getConfig().keySet(), action.getConfig().keySet()),
                        other.getAlias() + " must read the realm setting, not its own copy"));
    }

    /** Listing required actions replaces Keycloak's defaults at import: the ones the flows rely on must be listed. */
    @Test
    void keycloaksOwnRequiredActionsAreStillDeclared() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        List<String> enabled = realm.getRequiredActions().stream()
                .filter(RequiredActionProviderRepresentation::isEnabled)
                .map(RequiredActionProviderRepresentation::getAlias).toList();
        for (String builtIn : List.of("CONFIGURE_TOTP", "UPDATE_PASSWORD", "VERIFY_EMAIL", "UPDATE_PROFILE",
                "VERIFY_PROFILE", "webauthn-register", "CONFIGURE_RECOVERY_AUTHN_CODES")) {
            assertTrue(enabled.contains(builtIn), builtIn + " missing from " + enabled);
        }
    }

    @Test
    void demoUsersAreAgentsAndOneRealmAdmin() throws IOException {
        DemoUsers demo = read("/casvp-demo-users.json", DemoUsers.class);
        assertEquals(5, demo.users.size());
        long admins = demo.users.stream()
                .filter(u -> u.getClientRoles() != null && u.getClientRoles().containsKey("realm-management"))
                .count();
        assertEquals(1, admins);
        demo.users.forEach(u -> assertNotNull(u.getEmail(), u.getUsername()));
        long helpdesk = demo.users.stream()
                .filter(u -> u.getRealmRoles() != null && u.getRealmRoles().contains("casvp-helpdesk")).count();
        assertEquals(1, helpdesk, "one helpdesk operator");
    }

    /** Shape of casvp-demo-users.json. */
    static final class DemoUsers {
        public String _comment;
        public List<org.keycloak.representations.idm.UserRepresentation> users;
    }

    private static <T> T read(String resource, Class<T> type) throws IOException {
        try (InputStream in = CasvpRealmExportTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return JsonSerialization.readValue(in, type);
        }
    }
}
