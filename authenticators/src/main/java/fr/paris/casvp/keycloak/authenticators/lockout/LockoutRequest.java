package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.settings.OncePerRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one request has learnt about the lockout, asked several times per try (before the
 * password check, inside Keycloak's check, after it, then by Keycloak's brute-force hook):
 * each user's scope (one cookie lookup), each counter as first read (one query), and whether
 * this request's failure was already counted or refused before the check.
 */
final class LockoutRequest {

    private final Map<String, LockoutScope> scopes = new HashMap<>();
    private final Map<String, Optional<LockoutCounterEntity>> counters = new HashMap<>();
    private boolean counted;
    private boolean refusedBeforeCheck;

    static LockoutRequest of(KeycloakSession session, RealmModel realm) {
        return OncePerRequest.get(session, realm, "lockoutRequest", LockoutRequest.class, LockoutRequest::new);
    }

    Map<String, LockoutScope> scopes() {
        return scopes;
    }

    /** By user id and scope; an empty value: the counter has no row yet. */
    Map<String, Optional<LockoutCounterEntity>> counters() {
        return counters;
    }

    static String counterKey(String userId, LockoutScope scope) {
        return userId + '|' + scope.stored();
    }

    boolean counted() {
        return counted;
    }

    void markCounted() {
        counted = true;
    }

    boolean refusedBeforeCheck() {
        return refusedBeforeCheck;
    }

    void markRefusedBeforeCheck() {
        refusedBeforeCheck = true;
    }
}
