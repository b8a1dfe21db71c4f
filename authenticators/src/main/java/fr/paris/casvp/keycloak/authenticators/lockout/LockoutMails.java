package fr.paris.casvp.keycloak.authenticators.lockout;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** What the agent (and the security contact) are told after a counted failure: the step that counted it decides. */
public final class LockoutMails {

    private LockoutMails() {
    }

    /** The lock mail when the failure locked the browsers (once an hour), the old-password mail when it was the previous one. */
    public static void after(KeycloakSession session, RealmModel realm, UserModel user, DeviceAwareLockout.Failure failure) {
        if (failure.previousPasswordFromKnownBrowser()) {
            StalePasswordNotice.queue(session, realm, user, failure.scope().deviceId());
        }
        if (failure.kind() == DeviceAwareLockout.Failure.Kind.LOCKED_NOW) {
            LockoutNotice.queue(session, realm, user, failure.scope().isKnownBrowser(), failure.blockedUntil());
        }
    }
}
