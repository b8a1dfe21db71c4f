package fr.paris.casvp.keycloak.passwordpolicy.sequence;

import fr.paris.casvp.keycloak.passwordpolicy.support.PolicyFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.policy.PasswordPolicyProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code casvp-sequence}: refuses keyboard runs (AZERTY, QWERTY, QWERTZ), alphabetical
 * and numerical runs, repeated characters and a block typed twice. Realm policy
 * value: {@code casvp-sequence(4)} (shortest run refused).
 */
public final class SequencePasswordPolicyProviderFactory extends PolicyFactory {

    public static final String ID = "casvp-sequence";

    /** Rules per run length, built once: realms rarely use more than one length. */
    private final Map<Integer, GuessablePatterns> patterns = new ConcurrentHashMap<>();

    public SequencePasswordPolicyProviderFactory() {
        super(ID, "CASVP: no keyboard, alphabetical or repeated sequences (run length)",
                PasswordPolicyProvider.INT_CONFIG_TYPE, SequencePolicyConfig.DEFAULT_VALUE);
    }

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
    public void close() {
        patterns.clear();
    }
}
