package fr.paris.casvp.keycloak.authenticators.device;

import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * For the steps that come after the sign-in forms (required actions): whether the device
 * step judged this sign-in to come from a new browser or an unusual network (never for the
 * agent's very first device).
 */
public final class SignInNovelty {

    private SignInNovelty() {
    }

    public static boolean newDeviceOrNetwork(AuthenticationSessionModel authSession, UserModel user) {
        return DeviceVerdict.fromNote(authSession.getAuthNote(DeviceAssessment.NOTE), user.getId())
                .map(verdict -> !verdict.firstDevice() && (verdict.newDevice() || verdict.unusualNetwork()))
                .orElse(false);
    }
}
