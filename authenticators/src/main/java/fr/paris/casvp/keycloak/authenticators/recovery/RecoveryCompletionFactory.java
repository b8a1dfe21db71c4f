package fr.paris.casvp.keycloak.authenticators.recovery;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * {@code casvp-recovery}: an event listener (Realm settings → Events → Event listeners)
 * that ends the other sessions and clears the lockout after a forgot-password recovery,
 * and tells the agent when their recovery address changes in the account console.
 */
public final class RecoveryCompletionFactory implements EventListenerProviderFactory {

    public static final String ID = "casvp-recovery";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new RecoveryCompletion(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        // nothing to configure server-wide
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to prepare
    }

    @Override
    public void close() {
        // stateless
    }
}
