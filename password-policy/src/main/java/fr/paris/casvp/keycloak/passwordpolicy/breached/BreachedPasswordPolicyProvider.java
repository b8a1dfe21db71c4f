package fr.paris.casvp.keycloak.passwordpolicy.breached;

import fr.paris.casvp.keycloak.passwordpolicy.support.CandidatePassword;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Refuses a password found in known data breaches. The SHA-1 of the NFC-normalised password
 * is looked up in the offline file when one is configured, otherwise its 5-character prefix
 * is sent to the range API. When neither can answer, {@code onError} decides: accept (the
 * default) or refuse with "try again later"; either way one WARN line starting with
 * {@code casvp-breached:} records it, without the password, its hash or the user.
 */
final class BreachedPasswordPolicyProvider implements PasswordPolicyProvider {

    static final String BREACHED = "casvp.passwordPolicy.breached";
    static final String UNAVAILABLE = "casvp.passwordPolicy.breachedUnavailable";

    private static final Logger LOG = Logger.getLogger(BreachedPasswordPolicyProvider.class);

    private final KeycloakSession session;
    private final BreachedPasswordPolicyProviderFactory factory;

    BreachedPasswordPolicyProvider(KeycloakSession session, BreachedPasswordPolicyProviderFactory factory) {
        this.session = session;
        this.factory = factory;
    }

    @Override
    public PolicyError validate(RealmModel realm, UserModel user, String password) {
        return check(realm, password);
    }

    @Override
    public PolicyError validate(String username, String password) {
        return check(session.getContext().getRealm(), password);
    }

    private PolicyError check(RealmModel realm, String password) {
        CandidatePassword c = CandidatePassword.of(password);
        if (c.unusableError() != null) {
            return c.unusableError();
        }
        BreachedPolicyConfig config = realm == null ? null
                : realm.getPasswordPolicy().getPolicyConfig(BreachedPasswordPolicyProviderFactory.ID);
        if (config == null) {
            return null;
        }
        byte[] sha1 = sha1(c.text());
        boolean breached;
        if (config.offline()) {
            try {
                breached = factory.offlineFile(config.file(), false).contains(sha1);
            } catch (PasswordPolicyConfigException | InternalError e) {
                // InternalError: the mapped file was truncated under us (a fault reading it).
                return unavailable(config, "offline file " + config.file() + " unreadable: " + e.getMessage());
            }
        } else {
            try {
                breached = factory.rangeClient().isBreached(sha1, config);
            } catch (BreachedRangeClient.Unavailable e) {
                return unavailable(config, e.getMessage());
            }
        }
        if (breached) {
            LOG.debug("casvp-breached: password refused, found in the breach corpus");
            return new PolicyError(BREACHED);
        }
        return null;
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
                        config.onError().name().toLowerCase(Locale.ROOT));
            }
        }
        return config;
    }

    @Override
    public void close() {
        // per-request object: nothing to release (shared state belongs to the factory)
    }

    static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
