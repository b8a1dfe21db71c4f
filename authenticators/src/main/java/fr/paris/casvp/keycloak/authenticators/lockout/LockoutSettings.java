package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.support.StepSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Lockout and spraying settings, part of the {@code casvp-password-form} step's settings
 * (the step that checks the password is the one that must refuse before checking it).
 * Which sources count as trusted is the realm's setting, not the step's
 * ({@link fr.paris.casvp.keycloak.authenticators.network.RealmTrustedNetworks}).
 */
public final class LockoutSettings {

    public static final String DELAY_AFTER = "lockoutDelayAfter";
    public static final String DELAY_SECONDS = "lockoutDelaySeconds";
    public static final String LOCK_AFTER = "lockoutLockAfter";
    public static final String LOCK_MINUTES = "lockoutLockMinutes";
    public static final String MAX_PER_WINDOW = "lockoutMaxPerDay";
    public static final String WINDOW_MINUTES = "lockoutWindowMinutes";
    public static final String REPEAT_MINUTES = "lockoutRepeatMinutes";
    public static final String SOURCE_MAX = "sprayingMaxFailures";
    public static final String SOURCE_TRUSTED_MAX = "sprayingTrustedMaxFailures";
    public static final String SOURCE_WINDOW_MINUTES = "sprayingWindowMinutes";

    /**
     * The step whose settings these are ({@code casvp-password-form}, checked equal to its
     * factory's id by a test): named here so that the lockout does not depend on the form.
     */
    public static final String STEP_ID = "casvp-password-form";
    private static final String REQUEST_ATTRIBUTE = "casvp.lockoutSettings.";
    /** Kept on the request's session when the realm's browser flow has no password step. */
    private static final String NONE = "none";

    private final Map<String, String> values;

    /**
     * The lockout settings of the realm: those of the password step of its browser flow,
     * read once per request; empty when that flow has no such step (e.g. the master realm).
     */
    public static Optional<LockoutSettings> ofRealm(KeycloakSession session, RealmModel realm) {
        String key = REQUEST_ATTRIBUTE + realm.getId();
        if (session.getAttribute(key) instanceof LockoutSettings known) {
            return Optional.of(known);
        }
        if (NONE.equals(session.getAttribute(key))) {
            return Optional.empty();
        }
        Optional<LockoutSettings> settings = StepSettings.firstStep(realm, realm.getBrowserFlow(), STEP_ID)
                .map(step -> StepSettings.settingsOf(realm, step))
                .map(config -> new LockoutSettings(config == null ? null : config.getConfig()));
        session.setAttribute(key, settings.isPresent() ? settings.get() : NONE);
        return settings;
    }

    public LockoutSettings(Map<String, String> values) {
        this.values = values == null ? Map.of() : values;
    }

    public LockoutPolicy policy() {
        LockoutPolicy d = LockoutPolicy.CNIL_CASE_2;
        return new LockoutPolicy(
                positive(DELAY_AFTER, d.delayAfter()),
                Duration.ofSeconds(positive(DELAY_SECONDS, (int) d.delay().toSeconds())),
                positive(LOCK_AFTER, d.lockAfter()),
                Duration.ofMinutes(positive(LOCK_MINUTES, (int) d.lockDuration().toMinutes())),
                positive(MAX_PER_WINDOW, d.maxPerWindow()),
                Duration.ofMinutes(positive(WINDOW_MINUTES, (int) d.window().toMinutes())));
    }

    /** How long the same wrong password, tried again, counts only once. */
    public Duration repeatedPasswordMemory() {
        return Duration.ofMinutes(positive(REPEAT_MINUTES, 60));
    }

    public int sourceMaxFailures() {
        return positive(SOURCE_MAX, 30);
    }

    public int trustedSourceMaxFailures() {
        return positive(SOURCE_TRUSTED_MAX, 300);
    }

    public Duration sourceWindow() {
        return Duration.ofMinutes(positive(SOURCE_WINDOW_MINUTES, 60));
    }

    private int positive(String key, int fallback) {
        return StepSettings.positiveInt(values, key, fallback, "casvp-password-form");
    }
}
