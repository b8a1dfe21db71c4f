package fr.paris.casvp.keycloak.authenticators.browser;

import fr.paris.casvp.keycloak.authenticators.support.SimpleFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * {@code casvp-outdated-browser}: warns (or stops) agents whose browser is older than the
 * realm's minimum versions, with a page saying which browsers are supported. Place it
 * first in the browser forms, before the password is typed.
 */
public final class OutdatedBrowserCheckFactory implements AuthenticatorFactory, SimpleFactory<Authenticator> {

    public static final String ID = "casvp-outdated-browser";

    private static final OutdatedBrowserCheck SINGLETON = new OutdatedBrowserCheck();
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
        return "CASVP: outdated browser check";
    }

    @Override
    public String getHelpText() {
        return "Warns or stops agents whose browser is older than the minimum versions, with a page listing the "
                + "supported browsers.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return OutdatedBrowserConfigProperties.PROPERTIES;
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
