package fr.paris.casvp.keycloak.authenticators.expiry;

import fr.paris.casvp.keycloak.authenticators.support.StepSettings;
import org.keycloak.models.AuthenticatorConfigModel;

import java.time.Duration;
import java.util.Map;

/** Settings of the {@code casvp-password-expiry} step. */
final class PasswordExpiryConfig {

    static final String ROLE = "role";
    static final String MAX_AGE_DAYS = "maxAgeDays";
    static final String WARN_DAYS = "warnDays";
    static final String DEFAULT_ROLE = "realm-management.realm-admin";

    private final Map<String, String> values;

    PasswordExpiryConfig(AuthenticatorConfigModel model) {
        this.values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    /** Role whose holders' passwords expire: {@code role} or {@code client.role}. */
    String role() {
        String role = values.getOrDefault(ROLE, DEFAULT_ROLE).trim();
        return role.isEmpty() ? DEFAULT_ROLE : role;
    }

    Duration maxAge() {
        return Duration.ofDays(positive(MAX_AGE_DAYS, 365));
    }

    Duration warnBefore() {
        return Duration.ofDays(positive(WARN_DAYS, 14));
    }

    private int positive(String key, int fallback) {
        return StepSettings.positiveInt(values, key, fallback, "casvp-password-expiry");
    }
}
