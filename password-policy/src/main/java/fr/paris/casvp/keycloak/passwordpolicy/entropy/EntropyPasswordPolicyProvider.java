package fr.paris.casvp.keycloak.passwordpolicy.entropy;

import fr.paris.casvp.keycloak.passwordpolicy.support.CandidatePassword;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/** Refuses passwords shorter, longer or weaker than the realm's {@code casvp-entropy} setting. */
final class EntropyPasswordPolicyProvider implements PasswordPolicyProvider {

    static final String TOO_SHORT = "casvp.passwordPolicy.entropy.tooShort";
    static final String TOO_LONG = "casvp.passwordPolicy.entropy.tooLong";
    static final String TOO_WEAK = "casvp.passwordPolicy.entropy.tooWeak";

    private final KeycloakContext context;

    EntropyPasswordPolicyProvider(KeycloakContext context) {
        this.context = context;
    }

    @Override
    public PolicyError validate(RealmModel realm, UserModel user, String password) {
        return check(config(realm), password);
    }

    @Override
    public PolicyError validate(String username, String password) {
        return check(config(context.getRealm()), password);
    }

    static PolicyError check(EntropyPolicyConfig config, String password) {
        CandidatePassword candidate = CandidatePassword.of(password);
        if (candidate.unusableError() != null) {
            return candidate.unusableError();
        }
        int length = candidate.codePoints();
        if (length < config.minLength()) {
            return new PolicyError(TOO_SHORT, config.minLength());
        }
        if (length > config.maxLength()) {
            return new PolicyError(TOO_LONG, config.maxLength());
        }
        int bits = CnilEntropy.bits(candidate.text());
        if (bits < config.bits()) {
            return new PolicyError(TOO_WEAK, bits, config.bits());
        }
        return null;
    }

    private static EntropyPolicyConfig config(RealmModel realm) {
        Object config = realm.getPasswordPolicy().getPolicyConfig(EntropyPasswordPolicyProviderFactory.ID);
        return config instanceof EntropyPolicyConfig typed ? typed : EntropyPolicyConfig.parse(null);
    }

    @Override
    public Object parseConfig(String value) {
        return EntropyPolicyConfig.parse(value);
    }

    @Override
    public void close() {
        // nothing held
    }
}
