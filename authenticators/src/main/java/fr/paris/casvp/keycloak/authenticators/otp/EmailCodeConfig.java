package fr.paris.casvp.keycloak.authenticators.otp;

import fr.paris.casvp.keycloak.authenticators.support.StepSettings;
import org.keycloak.models.AuthenticatorConfigModel;

import java.time.Duration;
import java.util.Map;

/** Settings of the {@code casvp-email-otp} step. */
final class EmailCodeConfig {

    static final String LENGTH = "codeLength";
    static final String LIFETIME_SECONDS = "lifetimeSeconds";
    static final String MAX_TRIES = "maxTries";
    static final String RESEND_SECONDS = "resendSeconds";
    static final String CODES_PER_HOUR = "codesPerHour";
    static final String SECONDARY_ADDRESS_ATTRIBUTE = "secondaryAddressAttribute";
    static final String DEFAULT_ATTRIBUTE = "recoveryEmail";

    private final Map<String, String> values;

    EmailCodeConfig(AuthenticatorConfigModel model) {
        this.values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    /** Digits of a code, never fewer than 6. */
    int length() {
        return Math.max(6, number(LENGTH, 6));
    }

    Duration lifetime() {
        return Duration.ofSeconds(number(LIFETIME_SECONDS, 300));
    }

    int maxTries() {
        return number(MAX_TRIES, 5);
    }

    Duration resendAfter() {
        return Duration.ofSeconds(number(RESEND_SECONDS, 30));
    }

    /** Codes mailed to one agent per hour, resends and new sign-ins together. */
    int codesPerHour() {
        return number(CODES_PER_HOUR, 5);
    }

    String secondaryAddressAttribute() {
        String name = values.getOrDefault(SECONDARY_ADDRESS_ATTRIBUTE, DEFAULT_ATTRIBUTE).trim();
        return name.isEmpty() ? DEFAULT_ATTRIBUTE : name;
    }

    private int number(String key, int fallback) {
        return StepSettings.positiveInt(values, key, fallback, "casvp-email-otp");
    }
}
