package fr.paris.casvp.keycloak.passwordpolicy.sequence;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code casvp-sequence}: refuses keyboard runs (AZERTY, QWERTY, QWERTZ), alphabetical
 * and numerical runs, repeated characters and a block typed twice. Realm policy
 * value: {@code casvp-sequence(4)} (shortest run refused).
 */
public final class SequencePasswordPolicyProviderFactory implements PasswordPolicyProviderFactory {

    public static final String ID = "casvp-sequence";

    /** Rules per run length, built once: realms rarely use more than one length. */
    private final Map<Integer, GuessablePatterns> patterns = new ConcurrentHashMap<>();

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new SequencePasswordPolicyProvider(session.getContext(), this::patterns);
    }

    GuessablePatterns patterns(int run) {
        return patterns.computeIfAbsent(run, GuessablePatterns::new);
    }

    @Override
    public void init(Config.Scope config) {
        patterns(SequencePolicyConfig.DEFAULT_RUN);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to prepare
    }

    @Override
    public void close() {
        patterns.clear();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayName() {
        return "CASVP: no keyboard, alphabetical or repeated sequences (run length)";
    }

    @Override
    public String getConfigType() {
        return PasswordPolicyProvider.INT_CONFIG_TYPE;
    }

    @Override
    public String getDefaultConfigValue() {
        return SequencePolicyConfig.DEFAULT_VALUE;
    }

    @Override
    public boolean isMultiplSupported() {
        return false;
    }
}
