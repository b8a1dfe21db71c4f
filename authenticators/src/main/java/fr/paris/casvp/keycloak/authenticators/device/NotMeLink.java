package fr.paris.casvp.keycloak.authenticators.device;

import org.keycloak.common.util.Time;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Duration;

/** Builds the "this wasn't me" link of an alert mail. */
public final class NotMeLink {

    private NotMeLink() {
    }

    public static String create(KeycloakSession session, RealmModel realm, UserModel user,
                                AuthenticationSessionModel authSession, Duration lifetime) {
        String clientId = authSession != null && authSession.getClient() != null
                ? authSession.getClient().getClientId() : Constants.ACCOUNT_MANAGEMENT_CLIENT_ID;
        int expiration = Time.currentTime() + (int) Math.min(Integer.MAX_VALUE / 2, lifetime.toSeconds());
        NotMeActionToken token = new NotMeActionToken(user.getId(), expiration, clientId);
        String serialized = token.serialize(session, realm, session.getContext().getUri());
        String tabId = authSession != null ? authSession.getTabId() : "";
        return Urls.actionTokenBuilder(session.getContext().getUri().getBaseUri(), serialized, clientId, tabId, null)
                .build(realm.getName())
                .toString();
    }
}
