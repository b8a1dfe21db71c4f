package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.account.SecondFactors;
import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.List;
import java.util.Set;

/**
 * What "this wasn't me" (and the helpdesk's "secure") does to an account: every session ends
 * (tokens issued before now are refused), every known device is forgotten, the password is
 * removed, so that whoever knows it gets nowhere, and the recovery address and second factors
 * added from a new device in the last {@link NewDeviceAdditions#WINDOW} are removed, so that
 * an intruder's own address or app cannot bring them back. The agent sets a new password through "forgot
 * password" (a code to their recovery address, or one the helpdesk reads out). A password
 * kept by a federated directory is the directory's: it is not touched, and a new one is
 * required at the next sign-in.
 */
public final class AccountSecuring {

    /** What was done, for the event and the security contact. */
    public record Outcome(int sessionsEnded, int devicesForgotten, boolean passwordRemoved,
                          NewDeviceAdditions.Undone newDeviceAdditions) {
    }

    private AccountSecuring() {
    }

    public static Outcome secure(KeycloakSession session, RealmModel realm, UserModel user) {
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        NewDeviceAdditions.Undone undone = NewDeviceAdditions.undo(session, realm, user);
        int sessions = endSessions(session, realm, user, null);
        int devices = new KnownDevices(session).forgetUser(realm.getId(), user.getId());
        boolean passwordRemoved = SecondFactors.remove(user, Set.of(PasswordCredentialModel.TYPE)) > 0;
        user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        return new Outcome(sessions, devices, passwordRemoved, undone);
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
