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
        int sessions = endSessions(session, realm, user, null);
        int devices = new KnownDevices(session).forgetUser(realm.getId(), user.getId());
        user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        return new Outcome(sessions, devices);
    }

    /**
     * Ends the agent's sessions, online and offline (their refresh tokens stop working),
     * except the one given (the session of the agent doing it), if any.
     */
    public static int endSessions(KeycloakSession session, RealmModel realm, UserModel user, String keepSessionId) {
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user)
                .filter(userSession -> !userSession.getId().equals(keepSessionId)).toList();
        online.forEach(userSession -> AuthenticationManager.backchannelLogout(session, realm, userSession,
                session.getContext().getUri(), session.getContext().getConnection(),
                session.getContext().getRequestHeaders(), true));
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user)
                .filter(userSession -> !userSession.getId().equals(keepSessionId)).toList();
        offline.forEach(userSession -> session.sessions().removeOfflineUserSession(realm, userSession));
        return online.size() + offline.size();
    }
}
