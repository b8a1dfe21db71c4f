package fr.paris.casvp.keycloak.passwordpolicy.breached;

import fr.paris.casvp.keycloak.passwordpolicy.support.PolicyFactory;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PasswordPolicyProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Password policy {@code casvp-breached}: refuses passwords that appear in known data
 * breaches (ASVS 2.1.7), asked to a "range" API (Have I Been Pwned or a mirror) or read from
 * an offline hash file. Settings: see {@link BreachedPolicyConfig}.
 *
 * <p>Holds what is built once per server and shared by every realm and request: the HTTP
 * client with its small answer cache ({@link BreachedRangeClient}) and the memory-mapped
 * offline files ({@link OfflineBreachedHashes}), all thread-safe.
 */
public final class BreachedPasswordPolicyProviderFactory extends PolicyFactory {

    public static final String ID = "casvp-breached";

    private static final Logger LOG = Logger.getLogger(BreachedPasswordPolicyProviderFactory.class);

    private final Map<Path, OfflineBreachedHashes> offlineFiles = new ConcurrentHashMap<>();
    private volatile BreachedRangeClient rangeClient;

    public BreachedPasswordPolicyProviderFactory() {
        super(ID, "Not in known data breaches (casvp)", PasswordPolicyProvider.STRING_CONFIG_TYPE,
                BreachedPolicyConfig.DEFAULT_VALUE);
    }

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new BreachedPasswordPolicyProvider(session, this);
    }

    @Override
    public void init(Config.Scope config) {
        rangeClient = new BreachedRangeClient();
    }

    @Override
    public void close() {
        BreachedRangeClient client = rangeClient;
        if (client != null) {
            client.close();
        }
        for (OfflineBreachedHashes file : offlineFiles.values()) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.debugf("casvp-breached: closing %s: %s", file.path(), e);
            }
        }
        offlineFiles.clear();
    }

    BreachedRangeClient rangeClient() {
        return initialised(rangeClient);
    }

    /**
     * The offline file at {@code path}, opened once and shared. When the policy is saved (or
     * the realm loaded), a file replaced on disk since it was opened is opened again, so ops
     * update the corpus by building a new file and saving the policy; a file removed from disk
     * keeps being read from its mapping until the server restarts.
     *
     * @throws PasswordPolicyConfigException when the file cannot be used, with the reason
     */
    OfflineBreachedHashes offlineFile(Path path, boolean reopenIfChanged) {
        OfflineBreachedHashes open = offlineFiles.get(path);
        if (open != null && (!reopenIfChanged || open.isCurrent())) {
            return open;
        }
        synchronized (offlineFiles) {
            open = offlineFiles.get(path);
            if (open != null && (!reopenIfChanged || open.isCurrent())) {
                return open;
            }
            OfflineBreachedHashes fresh;
            try {
                fresh = OfflineBreachedHashes.open(path);
            } catch (IOException e) {
                throw new PasswordPolicyConfigException(ID + ": file cannot be used: " + e.getMessage());
            }
            OfflineBreachedHashes previous = offlineFiles.put(path, fresh);
            if (previous != null) {
                try {
                    previous.close();
                } catch (IOException e) {
                    LOG.debugf("casvp-breached: closing the previous %s: %s", path, e);
                }
            }
            LOG.infof("casvp-breached: offline hash file %s opened (%,d hashes)", path, fresh.size());
            return fresh;
        }
    }
}
