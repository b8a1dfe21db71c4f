package fr.paris.casvp.keycloak.passwordpolicy.sequence;

import fr.paris.casvp.keycloak.passwordpolicy.support.CandidatePassword;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

import java.util.function.IntFunction;

/** Applies the realm's {@code casvp-sequence} run length with the factory's shared rules. */
final class SequencePasswordPolicyProvider implements PasswordPolicyProvider {

    private final KeycloakContext context;
    private final IntFunction<GuessablePatterns> patterns;

    SequencePasswordPolicyProvider(KeycloakContext context, IntFunction<GuessablePatterns> patterns) {
        this.context = context;
        this.patterns = patterns;
    }

    @Override
    public PolicyError validate(RealmModel realm, UserModel user, String password) {
        return check(realm, password);
    }

    @Override
    public PolicyError validate(String username, String password) {
        return check(context.getRealm(), password);
    }

    private PolicyError check(RealmModel realm, String password) {
        CandidatePassword candidate = CandidatePassword.of(password);
        if (candidate.unusableError() != null) {
            return candidate.unusableError();
        }
        Object config = realm.getPasswordPolicy().getPolicyConfig(SequencePasswordPolicyProviderFactory.ID);
        int run = config instanceof SequencePolicyConfig typed ? typed.run() : SequencePolicyConfig.DEFAULT_RUN;
        return patterns.apply(run).find(candidate.text());
    }

    @Override
    public Object parseConfig(String value) {
        return SequencePolicyConfig.parse(value);
    }

    @Override
    public void close() {
        // nothing held
    }
}
