package fr.paris.casvp.keycloak.authenticators.lockout;

import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserLoginFailureProvider;

import java.util.List;
import java.util.function.Supplier;

/**
 * Keycloak's own login-failure record of an agent ({@code UserLoginFailureModel}, in the
 * cluster's login-failures cache), kept in step with the bundle's counters. The admin
 * console's user page and {@code GET …/attack-detection/brute-force/users/{id}} answer "not
 * locked" without asking the protector when that record is missing, and the console's
 * "unlock" sends its admin event only when there is one: the record is what lets an admin see
 * and lift the bundle's lock. It holds the counts of all the agent's browsers together: the
 * consecutive failures, the last failure and its address, until when the most blocked browser
 * waits. The counters in the database stay the truth; the record follows them at each
 * counted failure and each success that forgot failures, and comes back at a refused try.
 */
final class ConsoleLockMirror {

    private ConsoleLockMirror() {
    }

    /** Writes the record from the agent's counters; removes it when nothing is left to show. */
    static void reflect(KeycloakSession session, RealmModel realm, String userId, List<LockoutCounterEntity> counters) {
        long now = Time.currentTimeMillis();
        int failures = 0;
        long lastFailure = 0;
        long blockedUntil = 0;
        for (LockoutCounterEntity counter : counters) {
            failures += counter.getConsecutive();
            lastFailure = Math.max(lastFailure, counter.getLastFailure());
            if (counter.getBlockedUntil() > now) {
                blockedUntil = Math.max(blockedUntil, counter.getBlockedUntil());
            }
        }
        UserLoginFailureProvider store = session.loginFailures();
        UserLoginFailureModel record = store.getUserLoginFailure(realm, userId);
        if (failures == 0 && blockedUntil == 0) {
            if (record != null) {
                store.removeUserLoginFailure(realm, userId);
            }
            return;
        }
        if (record == null) {
            record = store.addUserLoginFailure(realm, userId);
        }
        if (record.getNumFailures() > failures) {
            record.clearFailures();
        }
        while (record.getNumFailures() < failures) {
            record.incrementFailures();
        }
        record.setLastFailure(lastFailure);
        ClientConnection connection = session.getContext().getConnection();
        if (connection != null && connection.getRemoteAddr() != null) {
            record.setLastIPFailure(connection.getRemoteAddr());
        }
        // Keycloak's field is in seconds; rounded up, so the console never shows a lock over too early
        record.setFailedLoginNotBefore((int) ((blockedUntil + 999) / 1000));
    }

    /**
     * The record is in the cluster's memory, the counters in the database: after a restart of
     * every node a lock has no record. One cache read per refused try; the counters are read
     * only when the record is missing.
     */
    static void restoreIfMissing(KeycloakSession session, RealmModel realm, String userId,
                                 Supplier<List<LockoutCounterEntity>> counters) {
        if (session.loginFailures().getUserLoginFailure(realm, userId) == null) {
            reflect(session, realm, userId, counters.get());
        }
    }

    static void forget(KeycloakSession session, RealmModel realm, String userId) {
        if (session.loginFailures().getUserLoginFailure(realm, userId) != null) {
            session.loginFailures().removeUserLoginFailure(realm, userId);
        }
    }
}
