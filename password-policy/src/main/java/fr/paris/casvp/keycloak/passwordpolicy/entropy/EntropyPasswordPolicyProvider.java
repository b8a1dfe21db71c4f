package fr.paris.casvp.keycloak.passwordpolicy.entropy;

import fr.paris.casvp.keycloak.passwordpolicy.support.CandidatePassword;
import fr.paris.casvp.keycloak.passwordpolicy.support.PolicyProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PolicyError;

/** Refuses passwords shorter, longer or weaker than the realm's {@code casvp-entropy} setting. */
final class EntropyPasswordPolicyProvider extends PolicyProvider<EntropyPolicyConfig> {

    static final String TOO_SHORT = "casvp.passwordPolicy.entropy.tooShort";
    static final String TOO_LONG = "casvp.passwordPolicy.entropy.tooLong";
    static final String TOO_WEAK = "casvp.passwordPolicy.entropy.tooWeak";

    EntropyPasswordPolicyProvider(KeycloakContext context) {
        super(context, EntropyPasswordPolicyProviderFactory.ID, EntropyPolicyConfig.class,
                EntropyPolicyConfig.DEFAULTS);
    }

    @Override
    protected PolicyError check(EntropyPolicyConfig config, String password, UserModel user, String username) {
        return check(config, password);
    }

    static PolicyError check(EntropyPolicyConfig config, String password) {
        return CandidatePassword.check(password, candidate -> {
            int length = candidate.codePoints();
            if (length < config.minLength()) {
                return new PolicyError(TOO_SHORT, config.minLength());
            }
            if (length > config.maxLength()) {
                return new PolicyError(TOO_LONG, config.maxLength());
            }
            int bits = CnilEntropy.bits(candidate.text());
            return bits < config.bits() ? new PolicyError(TOO_WEAK, bits, config.bits()) : null;
        });
    }

    @Override
    public Object parseConfig(String value) {
        return EntropyPolicyConfig.parse(value);
    }
}
