package fr.paris.casvp.keycloak.authenticators.notify;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * {@code casvp-notifications}: an event listener (Realm settings → Events → Event
 * listeners) that mails agents about password and second-factor changes.
 */
public final class AccountChangeNotifierFactory implements EventListenerProviderFactory {

    public static final String ID = "casvp-notifications";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AccountChangeNotifier(session);
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
