package fr.paris.casvp.keycloak.authenticators.support;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;

/**
 * The factory of a condition of the bundle: configurable, either required or off in a
 * conditional sub-flow, never something a user sets up, with no lifecycle of its own.
 */
public interface ConditionFactory extends ConditionalAuthenticatorFactory, SimpleFactory<Authenticator> {

    @Override
    default boolean isConfigurable() {
        return true;
    }

    @Override
    default AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
        };
    }

    @Override
    default boolean isUserSetupAllowed() {
        return false;
    }
}
