package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.support.StepSettings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the {@code casvp-device-recognition} step. The condition and the
 * "this wasn't me" link read the same settings from the step in the flow, so an admin
 * sets them in one place. The networks that are never "unusual" are the realm's trusted
 * networks ({@link fr.paris.casvp.keycloak.authenticators.network.RealmTrustedNetworks}).
 */
public final class DeviceRecognitionConfig {

    static final String ALERT_NEW_DEVICE = "alertNewDevice";
    static final String ALERT_UNUSUAL_NETWORK = "alertUnusualNetwork";
    static final String RECENT_NETWORK_DAYS = "recentNetworkDays";
    static final String FORGET_AFTER_DAYS = "forgetAfterDays";
    static final String SECONDARY_ADDRESS_ATTRIBUTE = "secondaryAddressAttribute";
    static final String NOT_ME_LINK_DAYS = "notMeLinkDays";
    static final String SECURITY_CONTACT = "securityContact";

    static final int DEFAULT_RECENT_NETWORK_DAYS = 90;
    static final int DEFAULT_FORGET_AFTER_DAYS = 180;
    static final int DEFAULT_NOT_ME_LINK_DAYS = 7;
    static final String DEFAULT_SECONDARY_ADDRESS_ATTRIBUTE = "recoveryEmail";

    private static final DeviceRecognitionConfig DEFAULTS = new DeviceRecognitionConfig(null);

    private final Map<String, String> values;

    DeviceRecognitionConfig(AuthenticatorConfigModel model) {
        this.values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    /**
     * The settings of the first {@code casvp-device-recognition} step in a flow (searched
     * through its sub-flows), or the defaults when the flow has none.
     */
    public static DeviceRecognitionConfig inFlow(RealmModel realm, AuthenticationFlowModel flow) {
        return StepSettings.firstStep(realm, flow, DeviceRecognitionFactory.ID)
                .map(step -> new DeviceRecognitionConfig(StepSettings.settingsOf(realm, step)))
                .orElse(DEFAULTS);
    }

    boolean alertOnNewDevice() {
        return Boolean.parseBoolean(values.getOrDefault(ALERT_NEW_DEVICE, "true"));
    }

    boolean alertOnUnusualNetwork() {
        return Boolean.parseBoolean(values.getOrDefault(ALERT_UNUSUAL_NETWORK, "true"));
    }

    /** A network used within this time counts as usual. */
    Duration recentNetworks() {
        return Duration.ofDays(positive(RECENT_NETWORK_DAYS, DEFAULT_RECENT_NETWORK_DAYS));
    }

    /** Devices and networks not seen for this long are forgotten by the daily cleanup. */
    public Duration forgetAfter() {
        return Duration.ofDays(positive(FORGET_AFTER_DAYS, DEFAULT_FORGET_AFTER_DAYS));
    }

    /** Name of the user attribute holding the agent's secondary (recovery) address. */
    public String secondaryAddressAttribute() {
        String name = values.getOrDefault(SECONDARY_ADDRESS_ATTRIBUTE, DEFAULT_SECONDARY_ADDRESS_ATTRIBUTE).trim();
        return name.isEmpty() ? DEFAULT_SECONDARY_ADDRESS_ATTRIBUTE : name;
    }

    /** How long a "this wasn't me" link works. */
    public Duration notMeLinkLifetime() {
        return Duration.ofDays(positive(NOT_ME_LINK_DAYS, DEFAULT_NOT_ME_LINK_DAYS));
    }

    /** Address told when an agent uses "this wasn't me"; empty when nobody is to be told. */
    public String securityContact() {
        return values.getOrDefault(SECURITY_CONTACT, "").trim();
    }

    private int positive(String key, int fallback) {
        return StepSettings.positiveInt(values, key, fallback, "casvp-device-recognition");
    }
}
