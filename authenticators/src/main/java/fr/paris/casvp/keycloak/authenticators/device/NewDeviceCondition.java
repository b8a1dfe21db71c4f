package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.provider.NegatableCondition;
import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * True when this sign-in comes from a browser the agent has not used before or from an
 * unusual network (or neither, with "negate"). Uses the settings of the flow's
 * {@code casvp-device-recognition} step, and agrees with it on the verdict.
 */
final class NewDeviceCondition extends NegatableCondition {

    static final Setting<Boolean> ON_NEW_DEVICE = Setting.flag("onNewDevice", true, "Match a new device",
            "Match when the browser has not been used by this agent before.");
    static final Setting<Boolean> ON_UNUSUAL_NETWORK = Setting.flag("onUnusualNetwork", true,
            "Match an unusual network", "Match when the network is neither recent for this agent nor trusted "
                    + "(trusted networks and 'recent' are set on the device recognition step).");
    static final Setting<Boolean> ON_FIRST_DEVICE = Setting.flag("onFirstDevice", false, "Match the very first device",
            "Match an agent's first sign-in ever, when no device is known yet.");

    NewDeviceCondition() {
        super(NewDeviceConditionFactory.ID, "Match a known device on a usual network instead.", ON_NEW_DEVICE,
                ON_UNUSUAL_NETWORK, ON_FIRST_DEVICE);
    }

    @Override
    protected boolean matches(AuthenticationFlowContext context, Settings.Values saved) {
        UserModel user = context.getUser();
        if (user == null) {
            return false;
        }
        DeviceRecognitionConfig stepConfig = DeviceRecognitionConfig.inFlow(context.getRealm(), context.getTopLevelFlow());
        DeviceVerdict verdict = DeviceAssessment.assess(context.getSession(), context.getAuthenticationSession(),
                context.getRealm(), user, stepConfig, context.getConnection().getRemoteAddr());
        if (verdict.firstDevice()) {
            return saved.get(ON_FIRST_DEVICE);
        }
        return (verdict.newDevice() && saved.get(ON_NEW_DEVICE))
                || (verdict.unusualNetwork() && saved.get(ON_UNUSUAL_NETWORK));
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
