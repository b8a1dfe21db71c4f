package fr.paris.casvp.keycloak.authenticators.network;

import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Map;

/**
 * Settings of the {@code casvp-trusted-network-gate} step and the outside-trusted-network
 * condition; the networks themselves are the realm's ({@link RealmTrustedNetworks}).
 */
final class TrustedNetworkConfig {

    static final String MOBILITY_GROUP = "mobilityGroup";
    static final String NEGATE = "negate";

    private final Map<String, String> values;

    TrustedNetworkConfig(AuthenticatorConfigModel model) {
        this.values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
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
