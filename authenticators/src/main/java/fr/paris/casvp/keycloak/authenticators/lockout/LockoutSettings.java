package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.support.StepSettings;

import java.time.Duration;
import java.util.Map;

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

    private final Map<String, String> values;

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
