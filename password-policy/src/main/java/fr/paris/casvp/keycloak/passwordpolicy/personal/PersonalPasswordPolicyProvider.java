package fr.paris.casvp.keycloak.passwordpolicy.personal;

import fr.paris.casvp.keycloak.passwordpolicy.support.CandidatePassword;
import fr.paris.casvp.keycloak.passwordpolicy.support.PolicyProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PolicyError;

/** Refuses a password built on the agent's own identifier, address, names or birth year. */
final class PersonalPasswordPolicyProvider extends PolicyProvider<PersonalPolicyConfig> {

    static final String PERSONAL = "casvp.passwordPolicy.personal.identity";
    static final String BIRTH_YEAR = "casvp.passwordPolicy.personal.birthYear";

    PersonalPasswordPolicyProvider(KeycloakContext context) {
        super(context, PersonalPasswordPolicyProviderFactory.ID, PersonalPolicyConfig.class,
                PersonalPolicyConfig.DEFAULTS);
    }

    /** With only a name, the name is all there is to look for. */
    @Override
    protected PolicyError check(PersonalPolicyConfig config, String password, UserModel user, String username) {
        if (user == null) {
            return check(new PersonalData(username, null, null, null, null, config.minLength()), password);
        }
        String birth = config.birthYearAttribute().isEmpty() ? null
                : user.getFirstAttribute(config.birthYearAttribute());
        return check(new PersonalData(user.getUsername(), user.getEmail(), user.getFirstName(), user.getLastName(),
                birth, config.minLength()), password);
    }

    static PolicyError check(PersonalData personal, String password) {
        return CandidatePassword.check(password, candidate -> {
            if (personal.foundIn(candidate.text()) != null) {
                // The message does not quote the match: it is the agent's own data, and an admin
                // setting the password reads it too.
                return new PolicyError(PERSONAL);
            }
            return personal.birthYearIn(candidate.text()) == null ? null : new PolicyError(BIRTH_YEAR);
        });
    }

    @Override
    public Object parseConfig(String value) {
        return PersonalPolicyConfig.parse(value);
    }
}
