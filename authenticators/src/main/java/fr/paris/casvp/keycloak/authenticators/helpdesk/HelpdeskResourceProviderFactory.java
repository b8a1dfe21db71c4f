package fr.paris.casvp.keycloak.authenticators.helpdesk;

import fr.paris.casvp.keycloak.authenticators.provider.SimpleFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code casvp-helpdesk}: the helpdesk's admin REST endpoint, under
 * {@code /admin/realms/{realm}/casvp-helpdesk}. The role that opens it is the realm role
 * {@code casvp-helpdesk}, or the one named by the SPI option
 * {@code --spi-admin-realm-restapi-extension--casvp-helpdesk--role}.
 */
public final class HelpdeskResourceProviderFactory implements AdminRealmResourceProviderFactory, SimpleFactory<AdminRealmResourceProvider> {

    public static final String ID = "casvp-helpdesk";
    static final String DEFAULT_ROLE = "casvp-helpdesk";
    /** The only client whose tokens the endpoint takes from the realm's own users (the realm export has it). */
    public static final String HELPDESK_CLIENT = "casvp-helpdesk";

    private String role = DEFAULT_ROLE;

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        String helpdeskRole = role;
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession keycloakSession, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                return new HelpdeskResource(keycloakSession, realm, auth, adminEvent, helpdeskRole);
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

    @Override
    public void init(Config.Scope config) {
        role = config.get("role", DEFAULT_ROLE);
    }
}
