package fr.paris.casvp.keycloak.authenticators.settings;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

import java.util.Optional;

/** Finds a step's saved settings in a flow, for the providers that read another step's settings. */
public final class StepSettings {

    private StepSettings() {
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
