package fr.paris.casvp.keycloak.authenticators.admin;

import fr.paris.casvp.keycloak.authenticators.provider.SimpleFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code casvp-devices}: the admin REST endpoint for known devices, under
 * {@code /admin/realms/{realm}/casvp-devices}, with the admin console's permissions.
 */
public final class KnownDevicesAdminResourceFactory implements AdminRealmResourceProviderFactory, SimpleFactory<AdminRealmResourceProvider> {

    public static final String ID = "casvp-devices";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession keycloakSession, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                return new KnownDevicesAdminResource(keycloakSession, realm, auth, adminEvent);
            }

            @Override
            public void close() {
                // stateless
            }
        };
    }

    @Override
    public String getId() {
        return ID;
    }
}
