package fr.paris.casvp.keycloak.authenticators.password;

import fr.paris.casvp.keycloak.authenticators.provider.StepFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * {@code casvp-password-form}: use it in place of "Username Password Form" in the
 * browser flow. It signs the agent in exactly as Keycloak's form does, and requires
 * a new password when the one just typed no longer passes the breached or
 * blocklist policy.
 */
public final class PasswordRecheckFormFactory extends StepFactory {

    public static final String ID = "casvp-password-form";

    public PasswordRecheckFormFactory() {
        super(ID, PasswordRecheckForm::new, "CASVP: username password form (re-checks the password)",
                "Validates the username and password like Keycloak's form, then requires a new password when "
                        + "the one typed is now refused by the breached or blocklist password policy.",
                PasswordRecheckConfig.SETTINGS);
    }

    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    /** The password step of the browser flow is never optional. */
    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.REQUIRED};
    }
}
