package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import fr.paris.casvp.keycloak.passwordpolicy.support.PolicyFactory;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code casvp-blocklist} password policy: refuses passwords built on common
 * passwords, common French words, French names and organisation terms, compared after
 * normalisation and within one edit, with an Entra-style points count (see
 * {@link BlocklistMatcher}).
 *
 * <p>The word lists are built once, when Keycloak initialises the factory: the lists
 * shipped in the JAR plus every {@code *.txt} file of the extra-lists folder,
 * {@code ${kc.home.dir}/data/casvp-blocklists/} by default (server option
 * {@code --spi-password-policy--casvp-blocklist--directory=...} to change it). They are
 * shared, read-only, by every realm and request; adding a file takes a restart.
 *
 * <p>Realm value (admin console, <i>Authentication → Policies → Password policy</i>):
 * {@code lists=all,minPoints=5} by default; see {@link BlocklistSettings}.
 */
public final class BlocklistPasswordPolicyProviderFactory extends PolicyFactory {

    public static final String ID = "casvp-blocklist";
    /** Server option naming the extra-lists folder. */
    static final String DIRECTORY_OPTION = "directory";
    /** Extra-lists folder inside Keycloak's data folder. */
    static final String DATA_FOLDER = "casvp-blocklists";

    private static final Logger LOG = Logger.getLogger(BlocklistPasswordPolicyProviderFactory.class);

    private volatile Blocklists blocklists;

    public BlocklistPasswordPolicyProviderFactory() {
        super(ID, "CASVP blocklist (common, French and organisation words)",
                PasswordPolicyProvider.STRING_CONFIG_TYPE, BlocklistSettings.DEFAULT_VALUE);
    }

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new BlocklistPasswordPolicyProvider(session.getContext(), blocklists());
    }

    @Override
    public void init(Config.Scope config) {
        init(extraListDirectory(config == null ? null : config.get(DIRECTORY_OPTION),
                System.getProperty("kc.home.dir")));
    }

    /** Builds the lists from the JAR and {@code extraDirectory} (may be null: none). */
    void init(Path extraDirectory) {
        long start = System.nanoTime();
        Blocklists loaded = Blocklists.load(extraDirectory);
        LOG.infof("casvp-blocklist: lists %s (extra lists from %s) built in %d ms, %d KiB",
                loaded.summary(), extraDirectory == null ? "nowhere" : extraDirectory,
                (System.nanoTime() - start) / 1_000_000, loaded.retainedBytes() / 1024);
        blocklists = loaded;
    }

    /**
     * The extra-lists folder: the {@code directory} option when set, else
     * {@code <kc.home.dir>/data/casvp-blocklists}, else none (outside a Keycloak server).
     */
    static Path extraListDirectory(String configured, String keycloakHome) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        if (keycloakHome != null && !keycloakHome.isBlank()) {
            return Path.of(keycloakHome, "data", DATA_FOLDER);
        }
        return null;
    }

    Blocklists blocklists() {
        return initialised(blocklists);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(DIRECTORY_OPTION)
                .type("string")
                .helpText("Folder of extra word lists (*.txt, UTF-8, one term a line), read at start-up. "
                        + "Default: ${kc.home.dir}/data/" + DATA_FOLDER)
                .add()
                .build();
    }
}
