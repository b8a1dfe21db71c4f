package fr.paris.casvp.keycloak.authenticators.lockout;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Lifts the bundle's locks: an admin's unlock (the console, {@code attack-detection}, the
 * {@code casvp-devices} endpoint) or a completed password reset. The counters of every browser
 * of the user go, and Keycloak's record of them that the console shows.
 */
public final class LockoutRelease {

    private LockoutRelease() {
    }

    /** Every lock and count of the user, known browsers and unknown ones; how many counters went. */
    public static int ofUser(KeycloakSession session, RealmModel realm, String userId) {
        int cleared = new LockoutStore(session).forgetUser(realm.getId(), userId);
        ConsoleLockMirror.forget(session, realm, userId);
        return cleared;
    }

    /**
     * Every user's locks in the realm ("unlock all users"). The per-source spraying counts
     * stay: they are no user's lock, and end by themselves within their window.
     */
    public static int ofRealm(KeycloakSession session, RealmModel realm) {
        int cleared = new LockoutStore(session).forgetUsersOfRealm(realm.getId());
        session.loginFailures().removeAllUserLoginFailures(realm);
        return cleared;
    }
}
