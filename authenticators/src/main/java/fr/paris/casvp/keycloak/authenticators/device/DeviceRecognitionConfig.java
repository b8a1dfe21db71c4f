package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import fr.paris.casvp.keycloak.authenticators.settings.StepSettings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Settings of the {@code casvp-device-recognition} step. The condition and the daily cleanup
 * read the same settings from the step in the flow, so an admin sets them in one place. The
 * networks that are never "unusual" are the realm's trusted networks
 * ({@link fr.paris.casvp.keycloak.authenticators.network.RealmTrustedNetworks}); where alerts
 * go and who hears about "this wasn't me" are the realm's agent settings
 * ({@link fr.paris.casvp.keycloak.authenticators.account.AgentSettings}).
 *
 * @param recentNetworks    a network used within this time counts as usual
 * @param forgetAfter       devices and networks not seen for this long are forgotten by the daily cleanup
 * @param notMeLinkLifetime how long a "this wasn't me" link works
 */
public record DeviceRecognitionConfig(boolean alertOnNewDevice, boolean alertOnUnusualNetwork,
                                      Duration recentNetworks, Duration forgetAfter, Duration notMeLinkLifetime) {

    static final Setting<Boolean> ALERT_NEW_DEVICE = Setting.flag("alertNewDevice", true, "Alert on a new device",
            "Mail the agent when they sign in from a browser not seen before (never for their very first one).");
    static final Setting<Boolean> ALERT_UNUSUAL_NETWORK = Setting.flag("alertUnusualNetwork", true,
            "Alert on an unusual network", "Mail the agent when they sign in from a network (/24 IPv4, /48 IPv6) "
                    + "not used recently and outside the realm's trusted networks (Authentication > Required "
                    + "actions > CASVP trusted networks).");
    static final Setting<Duration> RECENT_NETWORKS = Setting.duration("recentNetworkDays", ChronoUnit.DAYS, 90,
            "Recent network (days)", "A network used within this many days counts as usual.");
    static final Setting<Duration> FORGET_AFTER = Setting.duration("forgetAfterDays", ChronoUnit.DAYS, 180,
            "Forget idle devices after (days)",
            "Devices and networks not seen for this many days are forgotten by a daily cleanup.");
    static final Setting<Duration> NOT_ME_LINK_LIFETIME = Setting.duration("notMeLinkDays", ChronoUnit.DAYS, 7,
            "\"This wasn't me\" link lifetime (days)", "How long the link in an alert works. It works once.");
    static final Settings SETTINGS = Settings.of(DeviceRecognitionFactory.ID, ALERT_NEW_DEVICE, ALERT_UNUSUAL_NETWORK,
            RECENT_NETWORKS, FORGET_AFTER, NOT_ME_LINK_LIFETIME);

    static DeviceRecognitionConfig of(AuthenticatorConfigModel model) {
        Settings.Values saved = SETTINGS.read(model);
        return new DeviceRecognitionConfig(saved.get(ALERT_NEW_DEVICE), saved.get(ALERT_UNUSUAL_NETWORK),
                saved.get(RECENT_NETWORKS), saved.get(FORGET_AFTER), saved.get(NOT_ME_LINK_LIFETIME));
    }

    /**
     * The settings of the first {@code casvp-device-recognition} step in a flow (searched
     * through its sub-flows), or the defaults when the flow has none.
     */
    public static DeviceRecognitionConfig inFlow(RealmModel realm, AuthenticationFlowModel flow) {
        return of(StepSettings.firstStep(realm, flow, DeviceRecognitionFactory.ID)
                .map(step -> StepSettings.settingsOf(realm, step))
                .orElse(null));
    }
}
