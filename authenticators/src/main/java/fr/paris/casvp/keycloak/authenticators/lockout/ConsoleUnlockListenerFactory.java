package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.provider.SimpleFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * {@code casvp-console-unlock}: makes the admin console's "unlock" (and Keycloak's
 * {@code DELETE …/attack-detection/brute-force/users[/{id}]}) lift the bundle's locks. A global
 * listener: it hears the admin events of every realm without being in a realm's event
 * listeners, so an admin editing that list cannot break the console's unlock; in realms
 * without the bundle's lockout it does nothing.
 */
public final class ConsoleUnlockListenerFactory implements EventListenerProviderFactory,
        SimpleFactory<EventListenerProvider> {

    public static final String ID = "casvp-console-unlock";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new ConsoleUnlockListener(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public boolean isGlobal() {
        return true;
    }
}
