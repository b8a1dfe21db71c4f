package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.support.SimpleFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * {@code casvp-device-recognition}: remembers the agent's browsers and networks and mails
 * an alert with a "this wasn't me" link for a new device or an unusual network. Place it
 * last in the sign-in forms, after the second factor.
 */
public final class DeviceRecognitionFactory implements AuthenticatorFactory, SimpleFactory<Authenticator> {

    public static final String ID = "casvp-device-recognition";

    private static final DeviceRecognition SINGLETON = new DeviceRecognition();
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
        return "CASVP: device recognition and new-device alert";
    }

    @Override
    public String getReferenceCategory() {
        return "casvp-device";
    }

    @Override
    public String getHelpText() {
        return "Remembers the browsers and networks each agent signs in from and mails an alert, with a "
                + "\"this wasn't me\" link, for a new device or an unusual network. Put it after the second factor.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return DeviceRecognitionConfigProperties.PROPERTIES;
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
