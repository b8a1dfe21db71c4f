package fr.paris.casvp.keycloak.authenticators.otp;

import fr.paris.casvp.keycloak.authenticators.provider.StepFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * {@code casvp-email-otp}: a second factor by one-time code mailed to the recovery
 * address. Failures count under Keycloak's "otp" category.
 */
public final class EmailCodeFormFactory extends StepFactory {

    public static final String ID = "casvp-email-otp";

    public EmailCodeFormFactory() {
        super(ID, new EmailCodeForm(), "CASVP: one-time code by mail to the recovery address",
                "Mails a one-time code to the agent's recovery address (not the webmail) as a second factor.",
                EmailCodeConfig.SETTINGS);
    }

    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    /** An alternative to the app or the security key, in a second-factor sub-flow. */
    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.DISABLED
        };
    }
}
