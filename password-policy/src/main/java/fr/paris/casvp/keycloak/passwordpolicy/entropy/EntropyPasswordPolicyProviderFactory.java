package fr.paris.casvp.keycloak.passwordpolicy.entropy;

import fr.paris.casvp.keycloak.passwordpolicy.support.PolicyFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.policy.PasswordPolicyProvider;

/**
 * {@code casvp-entropy}: the CNIL strength floor, E = L × log2(N) bits, with a minimum
 * and maximum length. Unlike "12 characters with 4 classes", a long lower-case
 * passphrase passes and a short decorated word does not. Realm policy value:
 * {@code casvp-entropy(80)} or {@code casvp-entropy(bits=50,min=12,max=128)}.
 */
public final class EntropyPasswordPolicyProviderFactory extends PolicyFactory {

    public static final String ID = "casvp-entropy";

    public EntropyPasswordPolicyProviderFactory() {
        super(ID, "CASVP: strength (CNIL entropy, " + EntropyPolicyConfig.DEFAULT_VALUE + ")",
                PasswordPolicyProvider.STRING_CONFIG_TYPE, EntropyPolicyConfig.DEFAULT_VALUE);
    }

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new EntropyPasswordPolicyProvider(session.getContext());
    }
}
