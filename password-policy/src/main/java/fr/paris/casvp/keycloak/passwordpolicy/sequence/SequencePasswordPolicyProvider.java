package fr.paris.casvp.keycloak.passwordpolicy.sequence;

import fr.paris.casvp.keycloak.passwordpolicy.support.CandidatePassword;
import fr.paris.casvp.keycloak.passwordpolicy.support.PolicyProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PolicyError;

import java.util.function.IntFunction;

/** Applies the realm's {@code casvp-sequence} run length with the factory's shared rules. */
final class SequencePasswordPolicyProvider extends PolicyProvider<SequencePolicyConfig> {

    private final IntFunction<GuessablePatterns> patterns;

    SequencePasswordPolicyProvider(KeycloakContext context, IntFunction<GuessablePatterns> patterns) {
        super(context, SequencePasswordPolicyProviderFactory.ID, SequencePolicyConfig.class,
                SequencePolicyConfig.DEFAULTS);
        this.patterns = patterns;
    }

    @Override
    protected PolicyError check(SequencePolicyConfig config, String password, UserModel user, String username) {
        return CandidatePassword.check(password, candidate -> patterns.apply(config.run()).find(candidate.text()));
    }

    @Override
    public Object parseConfig(String value) {
        return SequencePolicyConfig.parse(value);
    }
}
