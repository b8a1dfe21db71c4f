package fr.paris.casvp.keycloak.passwordpolicy.breached;

import fr.paris.casvp.keycloak.passwordpolicy.support.CandidatePassword;
import fr.paris.casvp.keycloak.passwordpolicy.support.PolicyProvider;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PolicyError;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Refuses a password found in known data breaches. The SHA-1 of the NFC-normalised password
 * is looked up in the offline file when one is configured, otherwise its 5-character prefix
 * is sent to the range API. When neither can answer, {@code onError} decides: accept (the
 * default) or refuse with "try again later"; either way one WARN line starting with
 * {@code casvp-breached:} records it, without the password, its hash or the user. A realm
 * without the policy's settings has nothing to ask: the password is not looked up.
 */
final class BreachedPasswordPolicyProvider extends PolicyProvider<BreachedPolicyConfig> {

    static final String BREACHED = "casvp.passwordPolicy.breached";
    static final String UNAVAILABLE = "casvp.passwordPolicy.breachedUnavailable";

    private static final Logger LOG = Logger.getLogger(BreachedPasswordPolicyProvider.class);

    private final BreachedPasswordPolicyProviderFactory factory;
    /** Whose realm names the meters' tag. */
    private final KeycloakContext context;

    BreachedPasswordPolicyProvider(KeycloakSession session, BreachedPasswordPolicyProviderFactory factory) {
        super(session.getContext(), BreachedPasswordPolicyProviderFactory.ID, BreachedPolicyConfig.class, null);
        this.factory = factory;
        this.context = session.getContext();
    }

    @Override
    protected PolicyError check(BreachedPolicyConfig config, String password, UserModel user, String username) {
        return CandidatePassword.check(password, candidate -> config == null ? null : lookUp(config, candidate));
    }

    private PolicyError lookUp(BreachedPolicyConfig config, CandidatePassword candidate) {
        byte[] sha1 = sha1(candidate.text());
        BreachedCheckMetrics.Source source = config.offline() ? BreachedCheckMetrics.Source.OFFLINE
                : BreachedCheckMetrics.Source.API;
        long started = System.nanoTime();
        boolean breached;
        if (config.offline()) {
            try {
                breached = factory.offlineFile(config.file(), false).contains(sha1);
            } catch (PasswordPolicyConfigException | InternalError e) {
                // InternalError: the mapped file was truncated under us (a fault reading it).
                record(source, BreachedCheckMetrics.Result.UNAVAILABLE, started);
                return unavailable(config, "offline file " + config.file() + " unreadable: " + e.getMessage());
            }
        } else {
            try {
                breached = factory.rangeClient().isBreached(sha1, config);
            } catch (BreachedRangeClient.Unavailable e) {
                record(source, BreachedCheckMetrics.Result.UNAVAILABLE, started);
                return unavailable(config, e.getMessage());
            }
        }
        record(source, breached ? BreachedCheckMetrics.Result.BREACHED : BreachedCheckMetrics.Result.OK, started);
        if (breached) {
            LOG.debug("casvp-breached: password refused, found in the breach corpus");
            return new PolicyError(BREACHED);
        }
        return null;
    }

    private void record(BreachedCheckMetrics.Source source, BreachedCheckMetrics.Result result, long started) {
        BreachedCheckMetrics.record(context == null ? null : context.getRealm(), source, result,
                System.nanoTime() - started);
    }

    private static PolicyError unavailable(BreachedPolicyConfig config, String reason) {
        if (config.onError() == BreachedPolicyConfig.OnError.REJECT) {
            LOG.warnf("casvp-breached: breach check not done (%s); onError=reject: password refused, "
                    + "the user is asked to try again later", reason);
            return new PolicyError(UNAVAILABLE);
        }
        LOG.warnf("casvp-breached: breach check not done (%s); onError=accept: password accepted unchecked", reason);
        return null;
    }

    /**
     * Validates the admin's value when the policy is saved and when the realm is loaded.
     * A setting that is wrong is refused; an offline file that cannot be opened is not:
     * Keycloak parses the policy again when it loads the realm, and refusing then would
     * stop every sign-in to the realm. The file is reported at WARN instead, and checks
     * follow {@code onError} until it is fixed.
     */
    @Override
    public Object parseConfig(String value) {
        BreachedPolicyConfig config = BreachedPolicyConfig.parse(value);
        if (config.offline()) {
            try {
                factory.offlineFile(config.file(), true);
            } catch (PasswordPolicyConfigException e) {
                LOG.warnf("casvp-breached: %s; checks follow onError=%s until the file is fixed", e.getMessage(),
                        config.onError());
            }
        }
        return config;
    }

    static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
