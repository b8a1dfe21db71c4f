package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.support.TrustedNetworks;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Map;

/** Settings of the {@code casvp-trusted-network-gate} step and the outside-trusted-network condition. */
final class TrustedNetworkConfig {

    private static final Logger LOG = Logger.getLogger(TrustedNetworkConfig.class);

    static final String TRUSTED_NETWORKS = "trustedNetworks";
    static final String MOBILITY_GROUP = "mobilityGroup";
    static final String NEGATE = "negate";

    private final Map<String, String> values;

    TrustedNetworkConfig(AuthenticatorConfigModel model) {
        this.values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    /** The trusted ranges; an entry that is not a valid range is skipped and logged, never a sign-in error. */
    TrustedNetworks trustedNetworks() {
        return TrustedNetworks.parseSkippingInvalid(values.get(TRUSTED_NETWORKS),
                invalid -> LOG.warnf("casvp-trusted-network-gate: trusted network %s skipped", invalid.getMessage()));
    }

    /** For the condition: match inside rather than outside. */
    boolean negate() {
        return Boolean.parseBoolean(values.getOrDefault(NEGATE, "false"));
    }

    /** Name of the group whose members may sign in from outside (empty: nobody). */
    String mobilityGroup() {
        return values.getOrDefault(MOBILITY_GROUP, "").trim();
    }
}
