package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.provider.SettingsHolderFactory;
import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/**
 * {@code casvp-trusted-networks}: the realm's one list of trusted networks (the agency's
 * networks, the VPN pools), read by the VPN gate, the outside/inside-network conditions,
 * the spraying limit of the password form and device recognition. A bad range is refused
 * when an admin saves it, with the entry named.
 */
public final class TrustedNetworksSettingFactory extends SettingsHolderFactory {

    public static final String ID = "casvp-trusted-networks";
    public static final String TRUSTED_NETWORKS = "trustedNetworks";

    static final Setting<String> LIST = Setting.text(TRUSTED_NETWORKS, "Trusted networks",
            "IPv4 and IPv6 ranges in CIDR notation, one per line or separated by commas "
                    + "(e.g. 10.0.0.0/8, 2001:db8::/32); a bare address is one host. Host names are refused (no DNS "
                    + "lookup ever). A bad range is refused when you save, with the entry named. Used by the VPN gate, "
                    + "the outside/inside-network conditions, the spraying limit of the password form and device "
                    + "recognition. Empty: no network is trusted.").multiline();
    static final Settings SETTINGS = Settings.of(ID, LIST);

    public TrustedNetworksSettingFactory() {
        super(ID, "CASVP trusted networks (holds the realm's trusted networks; never asked of users)", SETTINGS);
    }

    /** Refuses the save when an entry is not a range, naming it; parsing never looks a name up. */
    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        try {
            TrustedNetworks.parse(model.getConfigValue(TRUSTED_NETWORKS));
        } catch (TrustedNetworks.InvalidRange invalid) {
            throw new ValidationException(new ValidationError(ID, TRUSTED_NETWORKS, refusal(invalid)));
        }
    }

    /** The message the admin console shows, e.g. {@code Trusted networks: "10.0.0.0/33": the prefix length must be at most 32}. */
    static String refusal(TrustedNetworks.InvalidRange invalid) {
        return "Trusted networks: " + invalid.getMessage();
    }
}
