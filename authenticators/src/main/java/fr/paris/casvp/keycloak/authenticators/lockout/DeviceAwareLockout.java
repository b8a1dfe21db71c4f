package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.credential.hash.PasswordHashProvider;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Failures counted per (agent, known browser) and per (agent, all unknown browsers), so
 * that attackers who know an identifier can lock the unknown browsers only — never a
 * browser the agent has signed in from. The same wrong password tried again (a phone that
 * still has the old one) counts once, remembered as a keyed hash for a short time. A lock
 * ends when its time is over or as soon as the agent's password is changed (reset).
 */
public final class DeviceAwareLockout {

    static final String UNKNOWN_SCOPE = "unknown";
    static final String DEVICE_SCOPE = "device:";
    private static final String SCOPE_ATTRIBUTE = "casvp.lockoutScope.";
    private static final String COUNTER_ATTRIBUTE = "casvp.lockoutCounter.";
    /** Kept on the request's session once this request's failure went through the password form's count. */
    private static final String COUNTED_ATTRIBUTE = "casvp.lockoutCountedThisRequest";
    /** Kept on the request's session when the counter had no row: the request looks once. */
    private static final String NO_COUNTER = "none";
    private static final long MAIL_INTERVAL_MILLIS = 3_600_000L;

    /** What a failure did. */
    public enum Failure { COUNTED, REPEATED, LOCKED_NOW }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LockoutSettings settings;
    private final LockoutPolicy policy;

    public DeviceAwareLockout(KeycloakSession session, RealmModel realm, LockoutSettings settings) {
        this.session = session;
        this.realm = realm;
        this.settings = settings;
        this.policy = settings.policy();
    }

    /**
     * "unknown" or "device:&lt;id&gt;": which counter this request uses. The password form
     * asks several times per try (before the check, inside Keycloak's check, after it); the
     * cookie lookup is done once per request and kept on the request's session.
     */
    public String scope(UserModel user) {
        String key = SCOPE_ATTRIBUTE + user.getId();
        if (session.getAttribute(key) instanceof String known) {
            return known;
        }
        String scope = KnownDevices.recognisedDeviceId(session, realm.getId(), user.getId())
                .map(id -> DEVICE_SCOPE + id).orElse(UNKNOWN_SCOPE);
        session.setAttribute(key, scope);
        return scope;
    }

    /** Whether this request comes from a browser the user has signed in from (its device cookie). */
    public boolean knownBrowser(UserModel user) {
        return scope(user).startsWith(DEVICE_SCOPE);
    }

    /** Until when (ms) this browser's tries for the user are refused, or 0. */
    public long blockedUntil(UserModel user, String scope) {
        LockoutCounterEntity counter = readOnce(user, scope);
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
    public boolean repeatsLastWrongPassword(UserModel user, String scope, String password) {
        LockoutCounterEntity counter = readOnce(user, scope);
        return counter != null && counter.getLastWrongUntil() > Time.currentTimeMillis()
                && keyedHash(user, password).equals(counter.getLastWrongHash());
    }

    /** A wrong password: a repeat of the last wrong one counts once; the old password from a known browser is told. */
    public Failure recordFailure(UserModel user, String scope, String password) {
        session.setAttribute(COUNTED_ATTRIBUTE, Boolean.TRUE);
        LockoutCounterEntity counter = counterForUpdate(user, scope);
        long now = Time.currentTimeMillis();
        String attempt = keyedHash(user, password);
        if (attempt.equals(counter.getLastWrongHash()) && counter.getLastWrongUntil() > now) {
            return Failure.REPEATED;
        }
        if (scope.startsWith(DEVICE_SCOPE) && isPreviousPassword(user, password)) {
            StalePasswordNotice.queue(session, realm, user, scope.substring(DEVICE_SCOPE.length()));
        }
        counter.setLastWrongHash(attempt);
        counter.setLastWrongUntil(now + settings.repeatedPasswordMemory().toMillis());
        return count(user, scope, counter, now);
    }

    /**
     * Any other wrong credential of this browser (a one-time code, a security key, a recovery
     * code), reported by Keycloak's brute-force hook: it counts like a wrong password, in the
     * same counter, so a guessed code locks the same browsers — and only them.
     */
    public Failure recordOtherFailure(UserModel user, String scope) {
        session.setAttribute(COUNTED_ATTRIBUTE, Boolean.TRUE);
        return count(user, scope, counterForUpdate(user, scope), Time.currentTimeMillis());
    }

    /** Whether this request's failure was already counted (by the password form): Keycloak's hook then adds nothing. */
    public boolean countedThisRequest() {
        return Boolean.TRUE.equals(session.getAttribute(COUNTED_ATTRIBUTE));
    }

    private LockoutCounterEntity counterForUpdate(UserModel user, String scope) {
        LockoutCounterEntity counter = new LockoutStore(session).counterForUpdate(realm.getId(), user.getId(), scope);
        session.setAttribute(counterKey(user, scope), counter);
        return counter;
    }

    private Failure count(UserModel user, String scope, LockoutCounterEntity counter, long now) {
        counter.setLastFailure(now);
        LockoutPolicy.CounterState after = policy.afterFailure(state(counter), now);
        apply(counter, after);
        if (after.lockedAt() == now && counter.getLockMailAt() < now - MAIL_INTERVAL_MILLIS) {
            counter.setLockMailAt(now);
            LockoutNotice.queue(session, realm, user, !UNKNOWN_SCOPE.equals(scope), after.blockedUntil());
            return Failure.LOCKED_NOW;
        }
        return Failure.COUNTED;
    }

    /**
     * Forgets the consecutive failures (the day's count stays). The everyday sign-in, whose
     * counter this request already read with nothing to forget, writes and locks nothing; a
     * failure counted meanwhile by another request then stays counted.
     */
    public void recordSuccess(UserModel user, String scope) {
        LockoutCounterEntity seen = readOnce(user, scope);
        if (seen == null || nothingToForget(seen)) {
            return;
        }
        LockoutCounterEntity counter = new LockoutStore(session).counter(realm.getId(), user.getId(), scope, true);
        if (counter != null) {
            apply(counter, policy.afterSuccess(state(counter)));
            counter.setLastWrongHash(null);
            counter.setLastWrongUntil(0);
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
    private LockoutCounterEntity readOnce(UserModel user, String scope) {
        String key = counterKey(user, scope);
        Object kept = session.getAttribute(key);
        if (kept instanceof LockoutCounterEntity counter) {
            return counter;
        }
        if (NO_COUNTER.equals(kept)) {
            return null;
        }
        LockoutCounterEntity counter = new LockoutStore(session).counter(realm.getId(), user.getId(), scope, false);
        session.setAttribute(key, counter == null ? NO_COUNTER : counter);
        return counter;
    }

    private static String counterKey(UserModel user, String scope) {
        return COUNTER_ATTRIBUTE + user.getId() + '|' + scope;
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
