package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.models.AuthenticatorConfigModel;

/**
 * Settings of the {@code casvp-trusted-network-gate} step; the networks themselves are the
 * realm's ({@link RealmTrustedNetworks}).
 *
 * @param mobilityGroup name of the group whose members may sign in from outside (empty: nobody)
 */
record TrustedNetworkConfig(String mobilityGroup) {

    static final Setting<String> MOBILITY_GROUP = Setting.text("mobilityGroup", "Group allowed from outside",
            "Name of the group whose members (agents in mobility) may sign in from outside the trusted networks. "
                    + "Empty: nobody.");
    static final Settings SETTINGS = Settings.of(TrustedNetworkGateFactory.ID, MOBILITY_GROUP);

    static TrustedNetworkConfig of(AuthenticatorConfigModel model) {
        return new TrustedNetworkConfig(SETTINGS.read(model).get(MOBILITY_GROUP));
    }
}
