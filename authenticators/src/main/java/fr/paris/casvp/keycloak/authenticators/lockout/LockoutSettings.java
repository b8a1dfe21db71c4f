package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.settings.OncePerRequest;
import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import fr.paris.casvp.keycloak.authenticators.settings.StepSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Lockout and spraying settings, part of the {@code casvp-password-form} step's settings
 * (the step that checks the password is the one that must refuse before checking it).
 * Which sources count as trusted is the realm's setting, not the step's
 * ({@link fr.paris.casvp.keycloak.authenticators.network.RealmTrustedNetworks}).
 *
 * @param repeatedPasswordMemory how long the same wrong password, tried again, counts only once
 */
public record LockoutSettings(LockoutPolicy policy, Duration repeatedPasswordMemory, int sourceMaxFailures,
                              int trustedSourceMaxFailures, Duration sourceWindow) {

    /**
     * The step whose settings these are ({@code casvp-password-form}, checked equal to its
     * factory's id by a test): named here so that the lockout does not depend on the form.
     */
    public static final String STEP_ID = "casvp-password-form";

    static final Setting<Integer> DELAY_AFTER = Setting.count("lockoutDelayAfter", 5, "Lockout: delay after (failures)",
            "After this many consecutive failures from a browser, each further try waits (CNIL case 2: 5).");
    static final Setting<Duration> DELAY = Setting.duration("lockoutDelaySeconds", ChronoUnit.SECONDS, 90,
            "Lockout: delay (seconds)", "The wait after the delay threshold (CNIL: more than 1 minute).");
    static final Setting<Integer> LOCK_AFTER = Setting.count("lockoutLockAfter", 10, "Lockout: lock after (failures)",
            "After this many consecutive failures, this browser (or all unknown browsers) is locked.");
    static final Setting<Duration> LOCK_DURATION = Setting.duration("lockoutLockMinutes", ChronoUnit.MINUTES, 60,
            "Lockout: lock duration (minutes)", "How long a lock lasts; a password reset ends it at once.");
    static final Setting<Integer> MAX_PER_WINDOW = Setting.count("lockoutMaxPerDay", 25, "Lockout: most failures per day",
            "At most this many failures per window (CNIL: 25 per 24 h), then locked until the window ends.");
    static final Setting<Duration> WINDOW = Setting.duration("lockoutWindowMinutes", ChronoUnit.MINUTES, 1440,
            "Lockout: window (minutes)", "The window of the daily limit.");
    static final Setting<Duration> REPEAT_MEMORY = Setting.duration("lockoutRepeatMinutes", ChronoUnit.MINUTES, 60,
            "Lockout: same wrong password counts once for (minutes)",
            "A wrong password repeated within this time (an old password saved in a phone) counts once.");
    static final Setting<Integer> SOURCE_MAX = Setting.count("sprayingMaxFailures", 30,
            "Spraying: most failures per source", "Failures from one address (IPv6: /64) across all accounts per "
                    + "window before it gets \"too many attempts\".");
    static final Setting<Integer> SOURCE_TRUSTED_MAX = Setting.count("sprayingTrustedMaxFailures", 300,
            "Spraying: most failures per trusted source", "The same, for a source inside the realm's trusted "
                    + "networks (Authentication > Required actions > CASVP trusted networks): the whole agency may "
                    + "share a VPN address.");
    static final Setting<Duration> SOURCE_WINDOW = Setting.duration("sprayingWindowMinutes", ChronoUnit.MINUTES, 60,
            "Spraying: window (minutes)", "The window of the per-source limit.");
    /** Shown after the password form's own settings. */
    public static final Settings SETTINGS = Settings.of(STEP_ID, DELAY_AFTER, DELAY, LOCK_AFTER, LOCK_DURATION,
            MAX_PER_WINDOW, WINDOW, REPEAT_MEMORY, SOURCE_MAX, SOURCE_TRUSTED_MAX, SOURCE_WINDOW);

    /** Kept on the request's session when the realm's browser flow has no password step. */
    private static final LockoutSettings NONE = of(SETTINGS.read(Map.of()));

    /**
     * The lockout settings of the realm: those of the password step of its browser flow,
     * read once per request; empty when that flow has no such step (e.g. the master realm).
     */
    public static Optional<LockoutSettings> ofRealm(KeycloakSession session, RealmModel realm) {
        LockoutSettings settings = OncePerRequest.get(session, realm, "lockoutSettings", LockoutSettings.class,
                () -> StepSettings.firstStep(realm, realm.getBrowserFlow(), STEP_ID)
                        .map(step -> of(SETTINGS.read(StepSettings.settingsOf(realm, step))))
                        .orElse(NONE));
        return settings == NONE ? Optional.empty() : Optional.of(settings);
    }

    /** The lockout settings among the password step's saved settings. */
    public static LockoutSettings of(Settings.Values saved) {
        return new LockoutSettings(new LockoutPolicy(saved.get(DELAY_AFTER), saved.get(DELAY), saved.get(LOCK_AFTER),
                saved.get(LOCK_DURATION), saved.get(MAX_PER_WINDOW), saved.get(WINDOW)), saved.get(REPEAT_MEMORY),
                saved.get(SOURCE_MAX), saved.get(SOURCE_TRUSTED_MAX), saved.get(SOURCE_WINDOW));
    }
}
