package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import fr.paris.casvp.keycloak.authenticators.metrics.CasvpMetrics;
import org.keycloak.common.util.Time;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Failures counted per (agent, known browser) and per (agent, all unknown browsers), so
 * that attackers who know an identifier can lock the unknown browsers only — never a
 * browser the agent has signed in from. The same wrong password tried again (a phone that
 * still has the old one) counts once, remembered as a keyed hash for a short time. A lock
 * ends when its time is over or as soon as the agent's password is changed (reset).
 */
public final class DeviceAwareLockout {

    private static final long MAIL_INTERVAL_MILLIS = 3_600_000L;

    /**
     * What a failure did; the step that counted it decides what to tell ({@link LockoutMails}).
     *
     * @param previousPasswordFromKnownBrowser the agent's previous password, typed in one of their browsers
     * @param blockedUntil                     until when (ms) the scope's tries are refused, 0 when not
     */
    public record Failure(Kind kind, LockoutScope scope, boolean previousPasswordFromKnownBrowser, long blockedUntil) {

        /** COUNTED; REPEATED: the last wrong password again, counted once; LOCKED_NOW: locked, the owner is to be told. */
        public enum Kind { COUNTED, REPEATED, LOCKED_NOW }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LockoutSettings settings;
    private final LockoutPolicy policy;
    private final LockoutRequest request;

    public DeviceAwareLockout(KeycloakSession session, RealmModel realm, LockoutSettings settings) {
        this.session = session;
        this.realm = realm;
        this.settings = settings;
        this.policy = settings.policy();
        this.request = LockoutRequest.of(session, realm);
    }

    /** Which counter this request uses for the user: the cookie is looked up once per request. */
    public LockoutScope scope(UserModel user) {
        return request.scopes().computeIfAbsent(user.getId(), id -> KnownDevices
                .recognisedDeviceId(session, realm.getId(), id).map(LockoutScope::knownBrowser)
                .orElse(LockoutScope.UNKNOWN_BROWSERS));
    }

    /** Whether this request comes from a browser the user has signed in from (its device cookie). */
    public boolean knownBrowser(UserModel user) {
        return scope(user).isKnownBrowser();
    }

    /** Until when (ms) this browser's tries for the user are refused, or 0. */
    public long blockedUntil(UserModel user, LockoutScope scope) {
        return blockedUntil(user, readOnce(user, scope));
    }

    /**
     * Until when (ms) the most blocked of the user's browsers waits, known or not, or 0: what
     * an admin asks about the agent, from a request that is no sign-in of theirs.
     */
    public long blockedUntilInAnyBrowser(UserModel user) {
        long until = 0;
        for (LockoutCounterEntity counter : new LockoutStore(session).countersOf(realm.getId(), user.getId())) {
            until = Math.max(until, blockedUntil(user, counter));
        }
        return until;
    }

    private long blockedUntil(UserModel user, LockoutCounterEntity counter) {
        if (counter == null) {
            return 0;
        }
        long now = Time.currentTimeMillis();
        if (counter.getLockedAt() > 0 && passwordChangedSince(user, counter.getLockedAt())) {
            apply(counter, LockoutPolicy.CounterState.FRESH);
            return 0;
        }
        return policy.blockedUntil(state(counter), now);
    }

    /** Whether this attempt repeats the last wrong password (within its memory time): it would count once. */
    public boolean repeatsLastWrongPassword(UserModel user, LockoutScope scope, String password) {
        LockoutCounterEntity counter = readOnce(user, scope);
        return counter != null && counter.getLastWrongUntil() > Time.currentTimeMillis()
                && keyedHash(user, password).equals(counter.getLastWrongHash());
    }

    /** A wrong password: a repeat of the last wrong one counts once; the old password from a known browser is told. */
    public Failure recordFailure(UserModel user, LockoutScope scope, String password) {
        request.markCounted();
        LockoutCounterEntity counter = counterForUpdate(user, scope);
        long now = Time.currentTimeMillis();
        String attempt = keyedHash(user, password);
        if (attempt.equals(counter.getLastWrongHash()) && counter.getLastWrongUntil() > now) {
            return new Failure(Failure.Kind.REPEATED, scope, false, counter.getBlockedUntil());
        }
        boolean previous = scope.isKnownBrowser() && isPreviousPassword(user, password);
        counter.setLastWrongHash(attempt);
        counter.setLastWrongUntil(now + settings.repeatedPasswordMemory().toMillis());
        return count(user, scope, counter, now, previous);
    }

    /**
     * Any other wrong credential of this browser (a one-time code, a security key, a recovery
     * code), reported by Keycloak's brute-force hook: it counts like a wrong password, in the
     * same counter, so a guessed code locks the same browsers — and only them.
     */
    public Failure recordOtherFailure(UserModel user, LockoutScope scope) {
        request.markCounted();
        return count(user, scope, counterForUpdate(user, scope), Time.currentTimeMillis(), false);
    }

    /** Whether this request's failure was already counted (by the password form): Keycloak's hook then adds nothing. */
    public boolean countedThisRequest() {
        return request.counted();
    }

    /**
     * Marks this request's try as refused by the lock before the password was checked: it
     * counts nothing more. Keycloak's record of the lock, gone if every node restarted since,
     * is written again, so the admin console shows the lock from this try on.
     */
    public void refuseBeforeCheck(UserModel user) {
        request.markRefusedBeforeCheck();
        ConsoleLockMirror.restoreIfMissing(session, realm, user.getId(),
                () -> new LockoutStore(session).countersOf(realm.getId(), user.getId()));
    }

    public boolean refusedBeforeCheck() {
        return request.refusedBeforeCheck();
    }

    private LockoutCounterEntity counterForUpdate(UserModel user, LockoutScope scope) {
        LockoutCounterEntity counter = new LockoutStore(session).counterForUpdate(realm.getId(), user.getId(),
                scope.stored());
        request.counters().put(LockoutRequest.counterKey(user.getId(), scope), Optional.of(counter));
        return counter;
    }

    /**
     * Counts the failure; a lock that has just started is to be told to its owner at most once
     * an hour. Keycloak's own record of the agent follows, for the admin console.
     */
    private Failure count(UserModel user, LockoutScope scope, LockoutCounterEntity counter, long now,
                          boolean previousPassword) {
        counter.setLastFailure(now);
        LockoutPolicy.CounterState before = state(counter);
        LockoutPolicy.CounterState after = policy.afterFailure(before, now);
        apply(counter, after);
        ConsoleLockMirror.reflect(session, realm, user.getId(),
                new LockoutStore(session).countersOf(realm.getId(), user.getId()));
        if (after.locked(now) && !before.locked(now)) {
            CasvpMetrics.lockBegan(realm, scope.isKnownBrowser());
        }
        Failure.Kind kind = Failure.Kind.COUNTED;
        if (after.lockedAt() == now && counter.getLockMailAt() < now - MAIL_INTERVAL_MILLIS) {
            counter.setLockMailAt(now);
            kind = Failure.Kind.LOCKED_NOW;
        }
        return new Failure(kind, scope, previousPassword, after.blockedUntil());
    }

    /**
     * Forgets the consecutive failures (the day's count stays). The everyday sign-in, whose
     * counter this request already read with nothing to forget, writes and locks nothing; a
     * failure counted meanwhile by another request then stays counted.
     */
    public void recordSuccess(UserModel user, LockoutScope scope) {
        LockoutCounterEntity seen = readOnce(user, scope);
        if (seen == null || nothingToForget(seen)) {
            return;
        }
        LockoutCounterEntity counter = new LockoutStore(session).counter(realm.getId(), user.getId(), scope.stored(),
                true);
        if (counter != null) {
            apply(counter, policy.afterSuccess(state(counter)));
            counter.setLastWrongHash(null);
            counter.setLastWrongUntil(0);
            ConsoleLockMirror.reflect(session, realm, user.getId(),
                    new LockoutStore(session).countersOf(realm.getId(), user.getId()));
        }
    }

    private static boolean nothingToForget(LockoutCounterEntity c) {
        return c.getConsecutive() == 0 && c.getBlockedUntil() == 0 && c.getLockedAt() == 0
                && c.getLastWrongHash() == null && c.getLastWrongUntil() == 0;
    }

    /**
     * The counter as this request first read it (null when it has no row): the checks before
     * the password, inside Keycloak's check and after it share one query.
     */
    private LockoutCounterEntity readOnce(UserModel user, LockoutScope scope) {
        return request.counters().computeIfAbsent(LockoutRequest.counterKey(user.getId(), scope),
                key -> Optional.ofNullable(new LockoutStore(session).counter(realm.getId(), user.getId(),
                        scope.stored(), false))).orElse(null);
    }

    /**
     * Whether the attempt is the agent's previous password (the newest password-history
     * entry). Checked only from a known browser and for a new wrong password, so this one
     * extra hash never becomes work an attacker can multiply.
     */
    private boolean isPreviousPassword(UserModel user, String password) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.PASSWORD_HISTORY)
                .filter(credential -> credential.getCreatedDate() != null)
                .max(java.util.Comparator.comparing(org.keycloak.credential.CredentialModel::getCreatedDate))
                .map(PasswordCredentialModel::createFromCredentialModel)
                .filter(previous -> {
                    PasswordHashProvider hash = session.getProvider(PasswordHashProvider.class,
                            previous.getPasswordCredentialData().getAlgorithm());
                    return hash != null && hash.verify(password, previous);
                })
                .isPresent();
    }

    private static LockoutPolicy.CounterState state(LockoutCounterEntity c) {
        return new LockoutPolicy.CounterState(c.getConsecutive(), c.getWindowStart(), c.getWindowFailures(),
                c.getBlockedUntil(), c.getLockedAt());
    }

    private static void apply(LockoutCounterEntity c, LockoutPolicy.CounterState s) {
        c.setConsecutive(s.consecutive());
        c.setWindowStart(s.windowStart());
        c.setWindowFailures(s.windowFailures());
        c.setBlockedUntil(s.blockedUntil());
        c.setLockedAt(s.lockedAt());
    }

    private static boolean passwordChangedSince(UserModel user, long since) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .anyMatch(credential -> credential.getCreatedDate() != null && credential.getCreatedDate() > since);
    }

    /**
     * HMAC-SHA256 of the attempt with the realm's HMAC key: equal attempts match, but the
     * value says nothing about the password without the key, and it lives minutes only.
     */
    private String keyedHash(UserModel user, String password) {
        byte[] message = (user.getId() + '\u0000' + password).getBytes(StandardCharsets.UTF_8);
        try {
            KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, "HS512");
            if (key != null && key.getSecretKey() != null) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.getSecretKey().getEncoded(), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(message));
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((realm.getId() + '\u0000').getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(message));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot compute the keyed hash of a failed attempt", e);
        }
    }
}
