package fr.paris.casvp.keycloak.authenticators.network;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;

/**
 * The realm's trusted networks, as saved in the {@code casvp-trusted-networks} setting
 * (Authentication → Required actions → CASVP trusted networks → gear). Read from Keycloak's
 * realm cache, so a change applies to the next sign-in on every node, and parsed once per
 * request: the steps of one sign-in all judge the address against the same list.
 */
public final class RealmTrustedNetworks {

    private static final Logger LOG = Logger.getLogger(RealmTrustedNetworks.class);
    private static final String REQUEST_ATTRIBUTE = "casvp.trustedNetworks.";

    private RealmTrustedNetworks() {
    }

    public static TrustedNetworks of(KeycloakSession session, RealmModel realm) {
        String key = REQUEST_ATTRIBUTE + realm.getId();
        TrustedNetworks parsed = session.getAttribute(key, TrustedNetworks.class);
        if (parsed == null) {
            parsed = read(realm);
            session.setAttribute(key, parsed);
        }
        return parsed;
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
        return TrustedNetworks.parseSkippingInvalid(setting.getConfigValue(TrustedNetworksSettingFactory.TRUSTED_NETWORKS),
                invalid -> LOG.warnf("%s: trusted network %s skipped in realm %s", TrustedNetworksSettingFactory.ID,
                        invalid.getMessage(), realm.getName()));
    }
}
