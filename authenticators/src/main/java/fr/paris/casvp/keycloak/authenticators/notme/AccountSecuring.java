package fr.paris.casvp.keycloak.authenticators.notme;

import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.List;

/**
 * What "this wasn't me" does to an account: every session ends (tokens issued before now
 * are refused), every known device is forgotten, and a new password is required at the
 * next sign-in.
 */
public final class AccountSecuring {

    /** What was done, for the event and the security contact. */
    public record Outcome(int sessionsEnded, int devicesForgotten) {
    }

    private AccountSecuring() {
    }

    public static Outcome secure(KeycloakSession session, RealmModel realm, UserModel user) {
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user).toList();
        online.forEach(userSession -> AuthenticationManager.backchannelLogout(session, realm, userSession,
                session.getContext().getUri(), session.getContext().getConnection(),
                session.getContext().getRequestHeaders(), true));
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        offline.forEach(userSession -> session.sessions().removeOfflineUserSession(realm, userSession));
        int devices = new KnownDevices(session).forgetUser(realm.getId(), user.getId());
        user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        return new Outcome(online.size() + offline.size(), devices);
    }
}
