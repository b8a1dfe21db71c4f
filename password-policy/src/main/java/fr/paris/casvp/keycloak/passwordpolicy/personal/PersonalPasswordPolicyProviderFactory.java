package fr.paris.casvp.keycloak.passwordpolicy.personal;

import fr.paris.casvp.keycloak.passwordpolicy.support.PolicyFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.policy.PasswordPolicyProvider;

/**
 * {@code casvp-personal}: no identifier, mail local part, first or last name (in either
 * order, reversed, leet, accents or case changed; 4 characters or more) and no birth
 * year from a user attribute. Realm policy value: {@code casvp-personal} or
 * {@code casvp-personal(minLength=4,birthYearAttribute=birthdate)}.
 */
public final class PersonalPasswordPolicyProviderFactory extends PolicyFactory {

    public static final String ID = "casvp-personal";

    public PersonalPasswordPolicyProviderFactory() {
        super(ID, "CASVP: no personal data (identifier, mail, names, birth year)",
                PasswordPolicyProvider.STRING_CONFIG_TYPE, PersonalPolicyConfig.DEFAULT_VALUE);
    }

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new PersonalPasswordPolicyProvider(session.getContext());
    }
}
