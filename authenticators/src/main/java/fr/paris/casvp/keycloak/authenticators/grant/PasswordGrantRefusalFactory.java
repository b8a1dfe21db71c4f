package fr.paris.casvp.keycloak.authenticators.grant;

import fr.paris.casvp.keycloak.authenticators.support.SimpleFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * {@code casvp-password-grant-refusal}: the only step of the realm's direct-grant flow. No
 * client of the realm then turns a password into a token without the browser flow's
 * controls (trusted networks, lockout, spraying limit, second factor).
 */
public final class PasswordGrantRefusalFactory implements AuthenticatorFactory, SimpleFactory<Authenticator> {

    public static final String ID = "casvp-password-grant-refusal";

    private static final PasswordGrantRefusal SINGLETON = new PasswordGrantRefusal();
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
        return "CASVP: refuse password grants";
    }

    @Override
    public String getHelpText() {
        return "Bind a flow holding only this step as the realm's direct grant flow: the token endpoint's password "
                + "grant then answers unauthorized_client on every client, without looking at the identifier or the "
                + "password, so that no password opens a token past the browser flow's lockout, trusted networks "
                + "and second factor.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
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
