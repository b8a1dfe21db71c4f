package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.models.AuthenticatorConfigModel;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Settings of the {@code casvp-recovery-code} step of the forgot-password flow; the recovery
 * address is the realm's ({@link fr.paris.casvp.keycloak.authenticators.account.AgentSettings}).
 *
 * @param accountAddressAllowed whether an agent without a verified recovery address gets the code at the account address
 * @param length                digits of a code, never fewer than 8: it opens the account
 * @param lifetime              10 minutes at most, whatever is configured
 * @param codesPerHour          codes mailed to one agent per hour, whatever the number of browsers asking
 */
record RecoveryCodeConfig(boolean accountAddressAllowed, int length, Duration lifetime, int maxTries,
                          Duration resendAfter, int codesPerHour) {

    /** The guidance: a reset link or code lives 10 minutes at most. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    static final Setting<Boolean> ACCOUNT_ADDRESS_ALLOWED = Setting.flag("accountAddressAllowed", false,
            "Account address allowed", "Send the code to the account address when the agent has no verified "
                    + "recovery address. Off by default: the account address is usually the webmail the agent cannot open.");
    static final Setting<Integer> LENGTH = Setting.count("codeLength", 8, "Code digits",
            "Digits of a mailed code (8 at least).");
    static final Setting<Duration> LIFETIME = Setting.duration("lifetimeMinutes", ChronoUnit.MINUTES, 10,
            "Code lifetime (minutes)", "How long a mailed code works; 10 minutes at most.");
    static final Setting<Integer> MAX_TRIES = Setting.count("maxTries", 5, "Tries per code",
            "Wrong tries after which a code no longer works.");
    static final Setting<Duration> RESEND_AFTER = Setting.duration("resendSeconds", ChronoUnit.SECONDS, 30,
            "New code after (seconds)", "How long before the agent may ask for a new code.");
    static final Setting<Integer> CODES_PER_HOUR = Setting.count("codesPerHour", 5, "Codes per agent per hour",
            "Mailed codes per agent per hour, across browsers: more requests show the same page, without a mail.");
    static final Settings SETTINGS = Settings.of(RecoveryCodeStepFactory.ID, ACCOUNT_ADDRESS_ALLOWED, LENGTH, LIFETIME,
            MAX_TRIES, RESEND_AFTER, CODES_PER_HOUR);
    /** For tests only, not shown in the admin console: seconds win over minutes when set. */
    private static final Setting<Duration> LIFETIME_SECONDS = Setting.duration("lifetimeSeconds", ChronoUnit.SECONDS,
            (int) MAX_LIFETIME.toSeconds(), "Code lifetime (seconds)", "For tests.");
    private static final Settings TEST_SETTINGS = Settings.of(RecoveryCodeStepFactory.ID, LIFETIME_SECONDS);

    static RecoveryCodeConfig of(AuthenticatorConfigModel model) {
        Settings.Values saved = SETTINGS.read(model);
        Duration configured = model != null && model.getConfig() != null
                && model.getConfig().containsKey(LIFETIME_SECONDS.key())
                ? TEST_SETTINGS.read(model).get(LIFETIME_SECONDS) : saved.get(LIFETIME);
        return new RecoveryCodeConfig(saved.get(ACCOUNT_ADDRESS_ALLOWED), Math.max(8, saved.get(LENGTH)),
                configured.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : configured, saved.get(MAX_TRIES),
                saved.get(RESEND_AFTER), saved.get(CODES_PER_HOUR));
    }
}
