package fr.paris.casvp.keycloak.authenticators.otp;

import fr.paris.casvp.keycloak.authenticators.support.SimpleFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * {@code casvp-email-otp}: a second factor by one-time code mailed to the recovery
 * address. Failures count under Keycloak's "otp" category.
 */
public final class EmailCodeFormFactory implements AuthenticatorFactory, SimpleFactory<Authenticator> {

    public static final String ID = "casvp-email-otp";

    private static final EmailCodeForm SINGLETON = new EmailCodeForm();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED
    };
    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(EmailCodeConfig.LENGTH).label("Code digits")
            .helpText("Digits of a code (6 at least).").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("6").add()
            .property().name(EmailCodeConfig.LIFETIME_SECONDS).label("Code lifetime (seconds)")
            .helpText("How long a code works.").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("300").add()
            .property().name(EmailCodeConfig.MAX_TRIES).label("Tries per code")
            .helpText("Wrong tries after which a code no longer works, whatever the realm's brute-force settings.")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("5").add()
            .property().name(EmailCodeConfig.RESEND_SECONDS).label("New code after (seconds)")
            .helpText("How long before the agent may ask for a new code.").type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("30").add()
            .property().name(EmailCodeConfig.CODES_PER_HOUR).label("Codes per hour")
            .helpText("Codes mailed to one agent in an hour, new codes and new sign-ins together; beyond it the "
                    + "agent is told to wait or use another way (app, security key, helpdesk), so that codes "
                    + "cannot be guessed by asking for fresh ones.")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("5").add()
            .property().name(EmailCodeConfig.SECONDARY_ADDRESS_ATTRIBUTE).label("Secondary address attribute")
            .helpText("User attribute with the recovery address the code is sent to (never the account address).")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(EmailCodeConfig.DEFAULT_ATTRIBUTE).add()
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
        return "CASVP: one-time code by mail to the recovery address";
    }

    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public String getHelpText() {
        return "Mails a one-time code to the agent's recovery address (not the webmail) as a second factor.";
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
