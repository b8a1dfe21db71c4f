package fr.paris.casvp.keycloak.authenticators.provider;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * A provider factory with no server-wide settings, nothing to prepare once the server is up
 * and nothing to release: it overrides only the lifecycle steps it does need.
 */
public interface SimpleFactory<T extends Provider> extends ProviderFactory<T> {

    @Override
    default void init(Config.Scope config) {
        // no server-wide settings
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
        // nothing to prepare
    }

    @Override
    default void close() {
        // nothing held
    }
}
