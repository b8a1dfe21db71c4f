package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.support.StepSettings;
import org.keycloak.models.AuthenticatorConfigModel;

import java.time.Duration;
import java.util.Map;

/** Settings of the {@code casvp-recovery-code} step of the forgot-password flow. */
final class RecoveryCodeConfig {

    static final String ACCOUNT_ADDRESS_ALLOWED = "accountAddressAllowed";
    static final String LENGTH = "codeLength";
    static final String LIFETIME_MINUTES = "lifetimeMinutes";
    static final String LIFETIME_SECONDS = "lifetimeSeconds";
    static final String MAX_TRIES = "maxTries";
    static final String RESEND_SECONDS = "resendSeconds";
    static final String CODES_PER_HOUR = "codesPerHour";
    static final String ATTRIBUTE = "secondaryAddressAttribute";
    static final String DEFAULT_ATTRIBUTE = "recoveryEmail";
    /** The guidance: a reset link or code lives 10 minutes at most. */
    static final int MAX_LIFETIME_MINUTES = 10;

    private final Map<String, String> values;

    RecoveryCodeConfig(AuthenticatorConfigModel model) {
        this.values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    /** Whether an agent without a verified recovery address gets the code at the account address. */
    boolean accountAddressAllowed() {
        return Boolean.parseBoolean(values.getOrDefault(ACCOUNT_ADDRESS_ALLOWED, "false").trim());
    }

    /** Digits of a code, never fewer than 8: it opens the account. */
    int length() {
        return Math.max(8, number(LENGTH, 8));
    }

    /** 10 minutes at most, whatever is configured; seconds (for tests) win over minutes when set. */
    Duration lifetime() {
        Duration max = Duration.ofMinutes(MAX_LIFETIME_MINUTES);
        Duration configured = values.containsKey(LIFETIME_SECONDS)
                ? Duration.ofSeconds(number(LIFETIME_SECONDS, MAX_LIFETIME_MINUTES * 60))
                : Duration.ofMinutes(number(LIFETIME_MINUTES, MAX_LIFETIME_MINUTES));
        return configured.compareTo(max) > 0 ? max : configured;
    }

    int maxTries() {
        return number(MAX_TRIES, 5);
    }

    Duration resendAfter() {
        return Duration.ofSeconds(number(RESEND_SECONDS, 30));
    }

    /** Codes mailed to one agent per hour, whatever the number of browsers asking. */
    int codesPerHour() {
        return number(CODES_PER_HOUR, 5);
    }

    String attribute() {
        String name = values.getOrDefault(ATTRIBUTE, DEFAULT_ATTRIBUTE).trim();
        return name.isEmpty() ? DEFAULT_ATTRIBUTE : name;
    }

    private int number(String key, int fallback) {
        return StepSettings.positiveInt(values, key, fallback, RecoveryCodeStepFactory.ID);
    }
}
