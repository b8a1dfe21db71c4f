package fr.paris.casvp.keycloak.authenticators.support;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

import java.util.Map;
import java.util.Optional;

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

    /**
     * The first step with this provider id in a flow, searched through its sub-flows (at most
     * ten levels deep): where a setting shared with other providers is read from.
     */
    public static Optional<AuthenticationExecutionModel> firstStep(RealmModel realm, AuthenticationFlowModel flow,
                                                                   String providerId) {
        return flow == null ? Optional.empty() : firstStep(realm, flow.getId(), providerId, 0);
    }

    /** The step's saved settings, or null when the admin never saved any. */
    public static AuthenticatorConfigModel settingsOf(RealmModel realm, AuthenticationExecutionModel step) {
        return step.getAuthenticatorConfig() == null ? null : realm.getAuthenticatorConfigById(step.getAuthenticatorConfig());
    }

    private static Optional<AuthenticationExecutionModel> firstStep(RealmModel realm, String flowId, String providerId,
                                                                    int depth) {
        if (depth > 10) {
            return Optional.empty();
        }
        return realm.getAuthenticationExecutionsStream(flowId)
                .map(execution -> execution.isAuthenticatorFlow()
                        ? firstStep(realm, execution.getFlowId(), providerId, depth + 1)
                        : Optional.of(execution).filter(step -> providerId.equals(step.getAuthenticator())))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
