package fr.paris.casvp.keycloak.it.support;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.List;
import java.util.Set;

/** What a test changes in the casvp realm through the admin API, as an admin would, before restoring it. */
public final class RealmSettings {

    public static final String BROWSER_FLOW = "casvp browser";

    private RealmSettings() {
    }

    /** The settings of the casvp browser flow's steps with these provider ids, in flow order. */
    public static List<AuthenticatorConfigRepresentation> stepSettings(RealmResource realm, String... providerIds) {
        Set<String> wanted = Set.of(providerIds);
        return realm.flows().getExecutions(BROWSER_FLOW).stream()
                .filter(execution -> execution.getProviderId() != null && wanted.contains(execution.getProviderId()))
                .map(execution -> realm.flows().getAuthenticatorConfig(execution.getAuthenticationConfig()))
                .toList();
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
