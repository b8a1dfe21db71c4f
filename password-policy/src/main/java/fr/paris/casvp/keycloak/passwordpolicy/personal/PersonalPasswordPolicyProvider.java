package fr.paris.casvp.keycloak.passwordpolicy.personal;

import fr.paris.casvp.keycloak.passwordpolicy.support.CandidatePassword;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/** Refuses a password built on the agent's own identifier, address, names or birth year. */
final class PersonalPasswordPolicyProvider implements PasswordPolicyProvider {

    static final String PERSONAL = "casvp.passwordPolicy.personal.identity";
    static final String BIRTH_YEAR = "casvp.passwordPolicy.personal.birthYear";

    private final KeycloakContext context;

    PersonalPasswordPolicyProvider(KeycloakContext context) {
        this.context = context;
    }

    @Override
    public PolicyError validate(RealmModel realm, UserModel user, String password) {
        PersonalPolicyConfig config = config(realm);
        String birth = config.birthYearAttribute().isEmpty() ? null
                : user.getFirstAttribute(config.birthYearAttribute());
        return check(new PersonalData(user.getUsername(), user.getEmail(), user.getFirstName(), user.getLastName(),
                birth, config.minLength()), password);
    }

    @Override
    public PolicyError validate(String username, String password) {
        PersonalPolicyConfig config = config(context.getRealm());
        return check(new PersonalData(username, null, null, null, null, config.minLength()), password);
    }

    static PolicyError check(PersonalData personal, String password) {
        CandidatePassword candidate = CandidatePassword.of(password);
        if (candidate.unusableError() != null) {
            return candidate.unusableError();
        }
        if (personal.foundIn(candidate.text()) != null) {
            // The message does not quote the match: it is the agent's own data, and an admin
            // setting the password reads it too.
            return new PolicyError(PERSONAL);
        }
        String year = personal.birthYearIn(candidate.text());
        return year == null ? null : new PolicyError(BIRTH_YEAR);
    }

    private static PersonalPolicyConfig config(RealmModel realm) {
        Object config = realm.getPasswordPolicy().getPolicyConfig(PersonalPasswordPolicyProviderFactory.ID);
        return config instanceof PersonalPolicyConfig typed ? typed : PersonalPolicyConfig.parse(null);
    }

    @Override
    public Object parseConfig(String value) {
        return PersonalPolicyConfig.parse(value);
    }

    @Override
    public void close() {
        // nothing held
    }
}
