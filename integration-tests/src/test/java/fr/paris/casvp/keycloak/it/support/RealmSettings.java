package fr.paris.casvp.keycloak.it.support;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a test changes in the casvp realm through the admin API, as an admin would, before restoring it. */
public final class RealmSettings {

    public static final String BROWSER_FLOW = "casvp browser";

    private RealmSettings() {
    }

    /** The settings of the casvp browser flow's steps with these provider ids, in flow order. */
    public static List<AuthenticatorConfigRepresentation> stepSettings(RealmResource realm, String... providerIds) {
        return stepSettingsIn(realm, BROWSER_FLOW, providerIds);
    }

    /** The settings of the steps with these provider ids in one flow (and its sub-flows), in flow order. */
    public static List<AuthenticatorConfigRepresentation> stepSettingsIn(RealmResource realm, String flowAlias,
                                                                         String... providerIds) {
        Set<String> wanted = Set.of(providerIds);
        return realm.flows().getExecutions(flowAlias).stream()
                .filter(execution -> execution.getProviderId() != null && wanted.contains(execution.getProviderId()))
                .map(execution -> realm.flows().getAuthenticatorConfig(execution.getAuthenticationConfig()))
                .toList();
    }

    /** The required action whose settings hold the realm's trusted networks. */
    public static final String TRUSTED_NETWORKS_SETTING = "casvp-trusted-networks";

    /** The realm's trusted networks, as the admin console shows them (Required actions, CASVP trusted networks). */
    public static String trustedNetworks(RealmResource realm) {
        Map<String, String> config = realm.flows().getRequiredActionConfig(TRUSTED_NETWORKS_SETTING).getConfig();
        return config == null || config.get("trustedNetworks") == null ? "" : config.get("trustedNetworks");
    }

    /**
     * Saves the realm's trusted networks with the request the admin console's "Save" sends;
     * a bad range is answered 400 ({@link jakarta.ws.rs.BadRequestException}) and nothing changes.
     */
    public static void setTrustedNetworks(RealmResource realm, String ranges) {
        RequiredActionConfigRepresentation setting = new RequiredActionConfigRepresentation();
        setting.setConfig(Map.of("trustedNetworks", ranges));
        realm.flows().updateRequiredActionConfig(TRUSTED_NETWORKS_SETTING, setting);
    }

    public static final String RECOVERY_ADDRESS_ACTION = "casvp-recovery-address";

    /**
     * Turns the "add your recovery address" prompt at sign-in on or off. The realm export
     * turns it on; tests of other features start it off, as for agents who already went
     * through it, so that their sign-ins land where those tests look.
     */
    public static void recoveryAddressPrompt(org.keycloak.admin.client.Keycloak admin, boolean enabled) {
        var flows = admin.realm(KeycloakServer.REALM).flows();
        var action = flows.getRequiredAction(RECOVERY_ADDRESS_ACTION);
        action.setEnabled(enabled);
        flows.updateRequiredAction(RECOVERY_ADDRESS_ACTION, action);
    }

    public static String passwordPolicy(KeycloakServer server) {
        return server.admin().realm(KeycloakServer.REALM).toRepresentation().getPasswordPolicy();
    }

    public static void setPasswordPolicy(KeycloakServer server, String policy) {
        RealmRepresentation realm = server.admin().realm(KeycloakServer.REALM).toRepresentation();
        realm.setPasswordPolicy(policy);
        server.admin().realm(KeycloakServer.REALM).update(realm);
    }
}
