package fr.paris.casvp.keycloak.passwordpolicy.entropy;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;

/**
 * {@code casvp-entropy}: the CNIL strength floor, E = L × log2(N) bits, with a minimum
 * and maximum length. Unlike "12 characters with 4 classes", a long lower-case
 * passphrase passes and a short decorated word does not. Realm policy value:
 * {@code casvp-entropy(80)} or {@code casvp-entropy(bits=50,min=12,max=128)}.
 */
public final class EntropyPasswordPolicyProviderFactory implements PasswordPolicyProviderFactory {

    public static final String ID = "casvp-entropy";

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new EntropyPasswordPolicyProvider(session.getContext());
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
        return "CASVP: strength (CNIL entropy, " + EntropyPolicyConfig.DEFAULT_VALUE + ")";
    }

    @Override
    public String getConfigType() {
        return PasswordPolicyProvider.STRING_CONFIG_TYPE;
    }

    @Override
    public String getDefaultConfigValue() {
        return EntropyPolicyConfig.DEFAULT_VALUE;
    }

    @Override
    public boolean isMultiplSupported() {
        return false;
    }
}
