package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.provider.SimpleFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * {@code casvp-recovery}: an event listener (Realm settings → Events → Event listeners)
 * that ends the other sessions and clears the lockout after a forgot-password recovery,
 * and tells the agent when their recovery address changes in the account console.
 */
public final class RecoveryCompletionFactory implements EventListenerProviderFactory, SimpleFactory<EventListenerProvider> {

    public static final String ID = "casvp-recovery";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new RecoveryCompletion(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
