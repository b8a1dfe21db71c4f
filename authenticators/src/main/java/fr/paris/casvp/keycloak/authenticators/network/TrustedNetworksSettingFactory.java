package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.support.SimpleFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

import java.util.List;

/**
 * {@code casvp-trusted-networks}: the realm's one list of trusted networks (the agency's
 * networks, the VPN pools), read by the VPN gate, the outside/inside-network conditions,
 * the spraying limit of the password form and device recognition.
 *
 * <p>It is a required action only because Keycloak 26.7 validates a required action's
 * settings when an admin saves them (Authentication → Required actions → gear) and has no
 * such hook for a step's settings: a bad range is refused there, with the entry named, and
 * never reaches a sign-in. Kept disabled in the realm, it is never asked of anybody; were it
 * enabled and given to a user, it would just let them through.
 */
public final class TrustedNetworksSettingFactory implements RequiredActionFactory, SimpleFactory<RequiredActionProvider> {

    public static final String ID = "casvp-trusted-networks";
    public static final String TRUSTED_NETWORKS = "trustedNetworks";

    private static final TrustedNetworksSetting SINGLETON = new TrustedNetworksSetting();
    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(TRUSTED_NETWORKS)
            .label("Trusted networks")
            .helpText("IPv4 and IPv6 ranges in CIDR notation, one per line or separated by commas "
                    + "(e.g. 10.0.0.0/8, 2001:db8::/32); a bare address is one host. Host names are refused (no DNS "
                    + "lookup ever). A bad range is refused when you save, with the entry named. Used by the VPN gate, "
                    + "the outside/inside-network conditions, the spraying limit of the password form and device "
                    + "recognition. Empty: no network is trusted.")
            .type(ProviderConfigProperty.TEXT_TYPE)
            .add()
            .build();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "CASVP trusted networks (holds the realm's trusted networks; never asked of users)";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return PROPERTIES;
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
