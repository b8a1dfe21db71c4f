package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.settings.OncePerRequest;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;

/**
 * The realm's trusted networks, as saved in the {@code casvp-trusted-networks} setting
 * (Authentication → Required actions → CASVP trusted networks → gear), parsed once per
 * request ({@link OncePerRequest}): the steps of one sign-in all judge the address against
 * the same list.
 */
public final class RealmTrustedNetworks {

    private static final Logger LOG = Logger.getLogger(RealmTrustedNetworks.class);

    private RealmTrustedNetworks() {
    }

    public static TrustedNetworks of(KeycloakSession session, RealmModel realm) {
        return OncePerRequest.get(session, realm, "trustedNetworks", TrustedNetworks.class, () -> read(realm));
    }

    /**
     * The admin console refuses a bad range, but a realm import or a raw REST update of the
     * required action is not checked: such an entry is skipped and logged, never a sign-in error.
     */
    private static TrustedNetworks read(RealmModel realm) {
        RequiredActionConfigModel setting = realm.getRequiredActionConfigByAlias(TrustedNetworksSettingFactory.ID);
        if (setting == null) {
            LOG.warnf("%s is not registered in realm %s: no network is trusted (register it under Authentication, "
                    + "Required actions)", TrustedNetworksSettingFactory.ID, realm.getName());
            return TrustedNetworks.none();
        }
        String list = TrustedNetworksSettingFactory.SETTINGS.read(setting).get(TrustedNetworksSettingFactory.LIST);
        return TrustedNetworks.parseSkippingInvalid(list, invalid -> LOG.warnf("%s: trusted network %s skipped in "
                + "realm %s", TrustedNetworksSettingFactory.ID, invalid.getMessage(), realm.getName()));
    }
}
