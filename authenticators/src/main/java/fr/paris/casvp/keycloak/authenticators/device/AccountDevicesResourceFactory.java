package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.provider.SimpleFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * {@code casvp-account}: the agent's own known browsers, under
 * {@code /realms/{realm}/casvp-account/devices}, for the account console's "Mes appareils"
 * page. Signed in by the agent's Keycloak session cookie, as Keycloak's own pages are.
 */
public final class AccountDevicesResourceFactory implements RealmResourceProviderFactory,
        SimpleFactory<RealmResourceProvider> {

    public static final String ID = "casvp-account";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new AccountDevicesResource(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
