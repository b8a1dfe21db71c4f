package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.support.FormlessCondition;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.UserModel;

import java.util.Map;

/**
 * True when this sign-in comes from a browser the agent has not used before or from an
 * unusual network (or neither, with "negate"). Uses the settings of the flow's
 * {@code casvp-device-recognition} step, and agrees with it on the verdict.
 */
final class NewDeviceCondition implements FormlessCondition {

    static final NewDeviceCondition SINGLETON = new NewDeviceCondition();

    static final String ON_NEW_DEVICE = "onNewDevice";
    static final String ON_UNUSUAL_NETWORK = "onUnusualNetwork";
    static final String ON_FIRST_DEVICE = "onFirstDevice";
    static final String NEGATE = "negate";

    private NewDeviceCondition() {
    }

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (user == null) {
            return false;
        }
        Map<String, String> settings = settings(context.getAuthenticatorConfig());
        DeviceRecognitionConfig stepConfig = DeviceRecognitionConfig.inFlow(context.getRealm(), context.getTopLevelFlow());
        DeviceVerdict verdict = DeviceAssessment.assess(context.getSession(), context.getAuthenticationSession(),
                context.getRealm(), user, stepConfig, context.getConnection().getRemoteAddr());
        boolean matches;
        if (verdict.firstDevice()) {
            matches = flag(settings, ON_FIRST_DEVICE, false);
        } else {
            matches = (verdict.newDevice() && flag(settings, ON_NEW_DEVICE, true))
                    || (verdict.unusualNetwork() && flag(settings, ON_UNUSUAL_NETWORK, true));
        }
        return matches != flag(settings, NEGATE, false);
    }

    private static Map<String, String> settings(AuthenticatorConfigModel model) {
        return model == null || model.getConfig() == null ? Map.of() : model.getConfig();
    }

    private static boolean flag(Map<String, String> settings, String key, boolean fallback) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
