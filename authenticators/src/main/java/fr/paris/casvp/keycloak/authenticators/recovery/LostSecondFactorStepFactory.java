package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.support.SimpleFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * {@code casvp-lost-second-factor}: placed after the second-factor sub-flows of the browser
 * flow. An agent who signed in with a recovery code sets up a new authenticator app.
 */
public final class LostSecondFactorStepFactory implements AuthenticatorFactory, SimpleFactory<Authenticator> {

    public static final String ID = "casvp-lost-second-factor";

    private static final LostSecondFactorStep SINGLETON = new LostSecondFactorStep();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
    };

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "CASVP: new app after a recovery code";
    }

    @Override
    public String getReferenceCategory() {
        return "casvp-recovery";
    }

    @Override
    public String getHelpText() {
        return "After the second factor: an agent who signed in with a recovery code must set up a new"
                + " authenticator app (the old one is removed as lost).";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }
}
