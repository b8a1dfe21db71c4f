package fr.paris.casvp.keycloak.authenticators.support;

import org.jboss.logging.Logger;

import java.util.Map;

/**
 * Reads numbers from a step's admin-console settings. Keycloak 26.7 offers no save-time
 * validation for authenticator settings, so a value that is not a positive whole number is
 * replaced by the default and logged once per use — never a sign-in error.
 */
public final class StepSettings {

    private static final Logger LOG = Logger.getLogger(StepSettings.class);

    private StepSettings() {
    }

    public static int positiveInt(Map<String, String> values, String key, int fallback, String stepId) {
        String raw = values.get(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, like a zero or negative value
        }
        LOG.warnf("%s: setting %s is not a positive whole number, %d used", stepId, key, fallback);
        return fallback;
    }
}
