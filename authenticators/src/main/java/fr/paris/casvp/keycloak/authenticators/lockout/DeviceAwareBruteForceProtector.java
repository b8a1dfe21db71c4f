package fr.paris.casvp.keycloak.authenticators.lockout;

import jakarta.ws.rs.core.UriInfo;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keycloak's brute-force protector, made the bundle's device-aware lockout in every realm
 * whose browser flow has the {@code casvp-password-form} step. Every door that asks Keycloak
 * "is this user locked?" (the password form, the one-time-code and recovery-code forms, the
 * identity-broker and token-exchange endpoints) then gets the answer for this browser:
 * attempts from elsewhere never lock the agent's own browser. The admin API (the console's user
 * page, {@code attack-detection}) gets the agent's lock in any browser instead. Every
 * wrong credential Keycloak reports (a one-time code, a security key) counts in the same
 * counter as a wrong password, once; a wrong password was already counted by the form.
 * Failures that are no credential (the trusted-network gate, a refused grant) count nothing.
 * Other realms (master) keep Keycloak's own protector, unchanged.
 */
final class DeviceAwareBruteForceProtector implements BruteForceProtector {

    private final KeycloakSession session;
    private final Supplier<BruteForceProtector> keycloaks;

    DeviceAwareBruteForceProtector(KeycloakSession session, Supplier<BruteForceProtector> keycloaks) {
        this.session = session;
        this.keycloaks = keycloaks;
    }

    @Override
    public void failedLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uriInfo,
                            Set<String> categories) {
        Optional<DeviceAwareLockout> lockout = lockout(realm);
        if (lockout.isEmpty()) {
            keycloaks.get().failedLogin(realm, user, connection, uriInfo, categories);
            return;
        }
        if (user == null || lockout.get().countedThisRequest() || categories == null || categories.isEmpty()) {
            return;
        }
        LockoutMails.after(session, realm, user, lockout.get().recordOtherFailure(user, lockout.get().scope(user)));
    }

    @Override
    public void successfulLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uriInfo,
                                Set<String> categories) {
        Optional<DeviceAwareLockout> lockout = lockout(realm);
        if (lockout.isEmpty()) {
            keycloaks.get().successfulLogin(realm, user, connection, uriInfo, categories);
        } else if (user != null) {
            lockout.get().recordSuccess(user, lockout.get().scope(user));
        }
    }

    @Override
    public boolean isTemporarilyDisabled(KeycloakSession session, RealmModel realm, UserModel user) {
        Optional<DeviceAwareLockout> lockout = lockout(realm);
        if (lockout.isEmpty()) {
            return keycloaks.get().isTemporarilyDisabled(session, realm, user);
        }
        if (user == null) {
            return false;
        }
        if (askedByAnAdmin(session)) {
            return lockout.get().blockedUntilInAnyBrowser(user) > 0;
        }
        return lockout.get().blockedUntil(user, lockout.get().scope(user)) > 0;
    }

    /**
     * An admin REST request (the admin console's user page, its "unlock", kcadm), which is no
     * sign-in of the agent: "this browser" is the admin's own and says nothing. It is asked
     * about the agent's lock in any of their browsers. A sign-in always has an authentication
     * session, and the admin API lives under {@code /admin/realms/}.
     */
    static boolean askedByAnAdmin(KeycloakSession session) {
        KeycloakContext context = session.getContext();
        if (context.getAuthenticationSession() != null || context.getHttpRequest() == null) {
            return false;
        }
        return isAdminApiPath(context.getUri().getPath());
    }

    static boolean isAdminApiPath(String path) {
        if (path == null) {
            return false;
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.startsWith("admin/realms/");
    }

    /** The bundle's locks always end (CNIL case 2): none is permanent. */
    @Override
    public boolean isPermanentlyLockedOut(KeycloakSession session, RealmModel realm, UserModel user) {
        return lockout(realm).isEmpty() && keycloaks.get().isPermanentlyLockedOut(session, realm, user);
    }

    @Override
    public void cleanUpPermanentLockout(KeycloakSession session, RealmModel realm, UserModel user) {
        if (lockout(realm).isEmpty()) {
            keycloaks.get().cleanUpPermanentLockout(session, realm, user);
        }
    }

    private Optional<DeviceAwareLockout> lockout(RealmModel realm) {
        return realm == null ? Optional.empty()
                : LockoutSettings.ofRealm(session, realm).map(settings -> new DeviceAwareLockout(session, realm, settings));
    }

    @Override
    public void close() {
        // the session owns what this uses
    }
}
