package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.support.UserRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** Failed sign-ins of one agent from one known browser, or from all browsers they never signed in from. */
@Entity
@Table(name = "CASVP_LOCKOUT_COUNTER")
@NamedQueries({
        @NamedQuery(name = "casvpLockoutCounter",
                query = "select c from LockoutCounterEntity c where c.realmId = :realmId and c.userId = :userId and c.scope = :scope"),
        @NamedQuery(name = "casvpLockoutCountersOfUser",
                query = "select c from LockoutCounterEntity c where c.realmId = :realmId and c.userId = :userId"),
        @NamedQuery(name = "casvpForgetLockoutOfUser",
                query = "delete from LockoutCounterEntity c where c.realmId = :realmId and c.userId = :userId"),
        @NamedQuery(name = "casvpForgetLockoutOfRealm",
                query = "delete from LockoutCounterEntity c where c.realmId = :realmId"),
        @NamedQuery(name = "casvpForgetIdleLockout",
                query = "delete from LockoutCounterEntity c where c.realmId = :realmId and c.lastFailure < :cutoff")
})
public class LockoutCounterEntity extends UserRow {

    @Column(name = "SCOPE", length = 64, nullable = false)
    private String scope;

    @Column(name = "CONSECUTIVE", nullable = false)
    private int consecutive;

    @Column(name = "WINDOW_START", nullable = false)
    private long windowStart;

    @Column(name = "WINDOW_FAILURES", nullable = false)
    private int windowFailures;

    @Column(name = "BLOCKED_UNTIL", nullable = false)
    private long blockedUntil;

    @Column(name = "LOCKED_AT", nullable = false)
    private long lockedAt;

    @Column(name = "LAST_FAILURE", nullable = false)
    private long lastFailure;

    @Column(name = "LAST_WRONG_HASH", length = 64)
    private String lastWrongHash;

    @Column(name = "LAST_WRONG_UNTIL", nullable = false)
    private long lastWrongUntil;

    @Column(name = "LOCK_MAIL_AT", nullable = false)
    private long lockMailAt;

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public int getConsecutive() {
        return consecutive;
    }

    public void setConsecutive(int consecutive) {
        this.consecutive = consecutive;
    }

    public long getWindowStart() {
        return windowStart;
    }

    public void setWindowStart(long windowStart) {
        this.windowStart = windowStart;
    }

    public int getWindowFailures() {
        return windowFailures;
    }

    public void setWindowFailures(int windowFailures) {
        this.windowFailures = windowFailures;
    }

    public long getBlockedUntil() {
        return blockedUntil;
    }

    public void setBlockedUntil(long blockedUntil) {
        this.blockedUntil = blockedUntil;
    }

    public long getLockedAt() {
        return lockedAt;
    }

    public void setLockedAt(long lockedAt) {
        this.lockedAt = lockedAt;
    }

    public long getLastFailure() {
        return lastFailure;
    }

    public void setLastFailure(long lastFailure) {
        this.lastFailure = lastFailure;
    }

    public String getLastWrongHash() {
        return lastWrongHash;
    }

    public void setLastWrongHash(String lastWrongHash) {
        this.lastWrongHash = lastWrongHash;
    }

    public long getLastWrongUntil() {
        return lastWrongUntil;
    }

    public void setLastWrongUntil(long lastWrongUntil) {
        this.lastWrongUntil = lastWrongUntil;
    }

    public long getLockMailAt() {
        return lockMailAt;
    }

    public void setLockMailAt(long lockMailAt) {
        this.lockMailAt = lockMailAt;
    }
}
