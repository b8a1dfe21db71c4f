package fr.paris.casvp.keycloak.authenticators.expiry;

import fr.paris.casvp.keycloak.authenticators.provider.StepFactory;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * {@code casvp-password-expiry}: passwords of admin accounts expire (default 365 days),
 * with a warning page from 14 days before; agents' passwords never expire.
 */
public final class PasswordExpiryFactory extends StepFactory {

    public static final String ID = "casvp-password-expiry";

    public PasswordExpiryFactory() {
        super(ID, new PasswordExpiry(), "CASVP: password expiry for admin accounts",
                "Passwords of accounts with the configured role expire, with a warning page before; "
                        + "place it after the password step.", PasswordExpiryConfig.SETTINGS);
    }

    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }
}
