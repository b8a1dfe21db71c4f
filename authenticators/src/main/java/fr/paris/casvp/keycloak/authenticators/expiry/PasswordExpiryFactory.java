package fr.paris.casvp.keycloak.authenticators.expiry;

import fr.paris.casvp.keycloak.authenticators.support.SimpleFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * {@code casvp-password-expiry}: passwords of admin accounts expire (default 365 days),
 * with a warning page from 14 days before; agents' passwords never expire.
 */
public final class PasswordExpiryFactory implements AuthenticatorFactory, SimpleFactory<Authenticator> {

    public static final String ID = "casvp-password-expiry";

    private static final PasswordExpiry SINGLETON = new PasswordExpiry();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
    };
    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(PasswordExpiryConfig.ROLE)
            .label("Role whose passwords expire")
            .helpText("A realm role, or client.role (e.g. realm-management.realm-admin). Holders of this role, "
                    + "directly or through a group or composite, have expiring passwords; nobody else does.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(PasswordExpiryConfig.DEFAULT_ROLE)
            .add()
            .property()
            .name(PasswordExpiryConfig.MAX_AGE_DAYS)
            .label("Maximum password age (days)")
            .helpText("After this, a new password is required at sign-in.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("365")
            .add()
            .property()
            .name(PasswordExpiryConfig.WARN_DAYS)
            .label("Warn before (days)")
            .helpText("From this many days before expiry, sign-in shows the days left with \"change now\" and \"later\".")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("14")
            .add()
            .build();

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
        return "CASVP: password expiry for admin accounts";
    }

    @Override
    public String getReferenceCategory() {
        return "password";
    }

    @Override
    public String getHelpText() {
        return "Passwords of accounts with the configured role expire, with a warning page before; "
                + "place it after the password step.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
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
