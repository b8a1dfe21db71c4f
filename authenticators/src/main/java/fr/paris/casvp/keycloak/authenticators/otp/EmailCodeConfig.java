package fr.paris.casvp.keycloak.authenticators.otp;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;

import java.time.Duration;
import java.util.Map;

/** Settings of the {@code casvp-email-otp} step. */
final class EmailCodeConfig {

    private static final Logger LOG = Logger.getLogger(EmailCodeConfig.class);

    static final String LENGTH = "codeLength";
    static final String LIFETIME_SECONDS = "lifetimeSeconds";
    static final String MAX_TRIES = "maxTries";
    static final String RESEND_SECONDS = "resendSeconds";
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

    String secondaryAddressAttribute() {
        String name = values.getOrDefault(SECONDARY_ADDRESS_ATTRIBUTE, DEFAULT_ATTRIBUTE).trim();
        return name.isEmpty() ? DEFAULT_ATTRIBUTE : name;
    }

    private int number(String key, int fallback) {
        String raw = values.get(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            return value > 0 ? value : fallback;
        } catch (NumberFormatException notANumber) {
            LOG.warnf("casvp-email-otp: %s is not a positive number, %d used", key, fallback);
            return fallback;
        }
    }
}
