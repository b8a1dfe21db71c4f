package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.support.SimpleFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * {@code casvp-recovery-code}: the forgot-password step after the identifier. Replaces
 * Keycloak's "send reset email": the code goes to the verified recovery address, and the
 * helpdesk's one-time code is taken in the same field.
 */
public final class RecoveryCodeStepFactory implements AuthenticatorFactory, SimpleFactory<Authenticator> {

    public static final String ID = "casvp-recovery-code";

    private static final RecoveryCodeStep SINGLETON = new RecoveryCodeStep();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED
    };
    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(RecoveryCodeConfig.ACCOUNT_ADDRESS_ALLOWED).label("Account address allowed")
            .helpText("Send the code to the account address when the agent has no verified recovery address."
                    + " Off by default: the account address is usually the webmail the agent cannot open.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(RecoveryCodeConfig.LENGTH).label("Code digits")
            .helpText("Digits of a mailed code (8 at least).").type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("8").add()
            .property().name(RecoveryCodeConfig.LIFETIME_MINUTES).label("Code lifetime (minutes)")
            .helpText("How long a mailed code works; 10 minutes at most.").type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("10").add()
            .property().name(RecoveryCodeConfig.MAX_TRIES).label("Tries per code")
            .helpText("Wrong tries after which a code no longer works.").type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("5").add()
            .property().name(RecoveryCodeConfig.RESEND_SECONDS).label("New code after (seconds)")
            .helpText("How long before the agent may ask for a new code.").type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue("30").add()
            .property().name(RecoveryCodeConfig.CODES_PER_HOUR).label("Codes per agent per hour")
            .helpText("Mailed codes per agent per hour, across browsers: more requests show the same page,"
                    + " without a mail.").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("5").add()
            .property().name(RecoveryCodeConfig.ATTRIBUTE).label("Recovery address attribute")
            .helpText("User profile attribute with the recovery address (used once verified).")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(RecoveryCodeConfig.DEFAULT_ATTRIBUTE).add()
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
        return "CASVP: recovery code (forgot password)";
    }

    @Override
    public String getReferenceCategory() {
        return "casvp-recovery";
    }

    @Override
    public String getHelpText() {
        return "Mails a one-time code to the verified recovery address, or takes a helpdesk code;"
                + " the same page whether or not the account exists.";
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
