package fr.paris.casvp.keycloak.passwordpolicy.personal;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;

/**
 * {@code casvp-personal}: no identifier, mail local part, first or last name (in either
 * order, reversed, leet, accents or case changed; 4 characters or more) and no birth
 * year from a user attribute. Realm policy value: {@code casvp-personal} or
 * {@code casvp-personal(minLength=4,birthYearAttribute=birthdate)}.
 */
public final class PersonalPasswordPolicyProviderFactory implements PasswordPolicyProviderFactory {

    public static final String ID = "casvp-personal";

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new PersonalPasswordPolicyProvider(session.getContext());
    }

    @Override
    public void init(Config.Scope config) {
        // no server-wide settings
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to prepare
    }

    @Override
    public void close() {
        // no resources
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayName() {
        return "CASVP: no personal data (identifier, mail, names, birth year)";
    }

    @Override
    public String getConfigType() {
        return PasswordPolicyProvider.STRING_CONFIG_TYPE;
    }

    @Override
    public String getDefaultConfigValue() {
        return PersonalPolicyConfig.DEFAULT_VALUE;
    }

    @Override
    public boolean isMultiplSupported() {
        return false;
    }
}
