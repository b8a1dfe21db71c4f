package fr.paris.casvp.keycloak.authenticators.notify;

import fr.paris.casvp.keycloak.authenticators.provider.SimpleFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * {@code casvp-notifications}: an event listener (Realm settings → Events → Event
 * listeners) that mails agents about password and second-factor changes.
 */
public final class AccountChangeNotifierFactory implements EventListenerProviderFactory, SimpleFactory<EventListenerProvider> {

    public static final String ID = "casvp-notifications";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AccountChangeNotifier(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
