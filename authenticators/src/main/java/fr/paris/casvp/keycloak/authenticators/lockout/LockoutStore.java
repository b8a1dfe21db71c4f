package fr.paris.casvp.keycloak.authenticators.lockout;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import fr.paris.casvp.keycloak.authenticators.support.RowOnce;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.Optional;

/**
 * Lockout counters and per-source failure counts, in Keycloak's database: every node of a
 * cluster sees the same counts, and a restart forgets nothing. Rows being updated are
 * locked (SELECT … FOR UPDATE), so concurrent failures are all counted; a missing row is
 * created race-safe first ({@link RowOnce}).
 */
public final class LockoutStore {

    private final KeycloakSession session;
    private final EntityManager em;

    public LockoutStore(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    LockoutCounterEntity counter(String realmId, String userId, String scope, boolean forUpdate) {
        var query = em.createNamedQuery("casvpLockoutCounter", LockoutCounterEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("scope", scope);
        if (forUpdate) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return current(query.getResultStream().findFirst().orElse(null), forUpdate);
    }

    /** The counter, locked for update; created first (race-safe) when there is none yet. */
    LockoutCounterEntity counterForUpdate(String realmId, String userId, String scope) {
        return RowOnce.getOrCreate(session, () -> Optional.ofNullable(counter(realmId, userId, scope, true)),
                other -> {
                    LockoutCounterEntity counter = new LockoutCounterEntity();
                    counter.setId(KeycloakModelUtils.generateId());
                    counter.setRealmId(realmId);
                    counter.setUserId(userId);
                    counter.setScope(scope);
                    new LockoutStore(other).em.persist(counter);
                });
    }

    public List<LockoutCounterEntity> countersOf(String realmId, String userId) {
        return em.createNamedQuery("casvpLockoutCountersOfUser", LockoutCounterEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
    }

    SourceFailuresEntity source(String realmId, String source, boolean forUpdate) {
        var query = em.createNamedQuery("casvpSourceFailures", SourceFailuresEntity.class)
                .setParameter("realmId", realmId).setParameter("source", source);
        if (forUpdate) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return current(query.getResultStream().findFirst().orElse(null), forUpdate);
    }

    /** The source's row, locked for update; created first (race-safe) when there is none yet. */
    SourceFailuresEntity sourceForUpdate(String realmId, String source) {
        return RowOnce.getOrCreate(session, () -> Optional.ofNullable(source(realmId, source, true)),
                other -> {
                    SourceFailuresEntity entity = new SourceFailuresEntity();
                    entity.setId(KeycloakModelUtils.generateId());
                    entity.setRealmId(realmId);
                    entity.setSource(source);
                    new LockoutStore(other).em.persist(entity);
                });
    }

    /**
     * A row read earlier in this request (the check before the password) stays in the
     * persistence context with the counts of that moment, and a locking query hands back
     * that same stale instance: reload it now that the lock is held, or a failure counted
     * meanwhile by another request would be overwritten.
     */
    private <T> T current(T entity, boolean locked) {
        if (entity != null && locked) {
            em.refresh(entity);
        }
        return entity;
    }

    /** Clears every lock and count of a user (admin unlock, account deleted). */
    public int forgetUser(String realmId, String userId) {
        return em.createNamedQuery("casvpForgetLockoutOfUser")
                .setParameter("realmId", realmId).setParameter("userId", userId).executeUpdate();
    }

    /** Clears every user's locks and counts in the realm; the per-source counts stay. */
    public int forgetUsersOfRealm(String realmId) {
        return em.createNamedQuery("casvpForgetLockoutOfRealm").setParameter("realmId", realmId).executeUpdate();
    }

    public void forgetRealm(String realmId) {
        em.createNamedQuery("casvpForgetLockoutOfRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("casvpForgetSourcesOfRealm").setParameter("realmId", realmId).executeUpdate();
    }

    public void forgetIdle(String realmId, long cutoffMillis) {
        em.createNamedQuery("casvpForgetIdleLockout")
                .setParameter("realmId", realmId).setParameter("cutoff", cutoffMillis).executeUpdate();
        em.createNamedQuery("casvpForgetIdleSources")
                .setParameter("realmId", realmId).setParameter("cutoff", cutoffMillis).executeUpdate();
    }
}
