package fr.paris.casvp.keycloak.authenticators.lockout;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Optional;

/**
 * Keycloak's unlock removes its own login-failure record and sends an admin event
 * ({@code USER_LOGIN_FAILURE}, {@code DELETE}); it never asks the brute-force protector. This
 * listener lifts the bundle's locks of the same user (every browser) or of the whole realm,
 * in the same transaction. The admin event itself, stored when the realm records admin events
 * (the casvp export does), says who lifted which lock.
 */
final class ConsoleUnlockListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(ConsoleUnlockListener.class);
    private static final String ALL_USERS = "attack-detection/brute-force/users";

    /** What an admin event unlocks: one user, or every user of the realm when {@code userId} is null. */
    record Unlock(String userId) {
        boolean allUsers() {
            return userId == null;
        }
    }

    private final KeycloakSession session;

    ConsoleUnlockListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        // sign-in events lift nothing
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        Optional<Unlock> unlock = unlockOf(event.getResourceType(), event.getOperationType(), event.getResourcePath());
        if (unlock.isEmpty() || event.getRealmId() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null || LockoutSettings.ofRealm(session, realm).isEmpty()) {
            return;
        }
        if (unlock.get().allUsers()) {
            int cleared = LockoutRelease.ofRealm(session, realm);
            LOG.infof("Admin unlock of every user of realm %s: %d lockout counters cleared", realm.getName(), cleared);
        } else {
            int cleared = LockoutRelease.ofUser(session, realm, unlock.get().userId());
            LOG.infof("Admin unlock of user %s in realm %s: %d lockout counters cleared", unlock.get().userId(),
                    realm.getName(), cleared);
        }
    }

    /**
     * {@code attack-detection/brute-force/users/{id}} (the console's unlock),
     * {@code attack-detection/brute-force/users} ("unlock all users"), {@code users/{id}}
     * (an admin enabling a temporarily locked user).
     */
    static Optional<Unlock> unlockOf(ResourceType type, OperationType operation, String path) {
        if (type != ResourceType.USER_LOGIN_FAILURE || operation != OperationType.DELETE || path == null) {
            return Optional.empty();
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals(ALL_USERS)) {
            return Optional.of(new Unlock(null));
        }
        for (String prefix : new String[] {ALL_USERS + "/", "users/"}) {
            if (trimmed.startsWith(prefix)) {
                String id = trimmed.substring(prefix.length());
                return id.isEmpty() || id.contains("/") ? Optional.empty() : Optional.of(new Unlock(id));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        // the session owns what this uses
    }
}
