package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.device.DeviceDescription;
import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import fr.paris.casvp.keycloak.authenticators.mail.AgentMails;
import fr.paris.casvp.keycloak.authenticators.mail.MailAfterCommit;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;

/**
 * "A device still uses your old password": one of the agent's own browsers (a phone's
 * mail app, a saved password) keeps trying the previous password. Says which device and
 * how to update it; at most once an hour per agent.
 */
final class StalePasswordNotice {

    static final String KIND = "old_password_in_use";

    private StalePasswordNotice() {
    }

    static void queue(KeycloakSession session, RealmModel realm, UserModel user, String deviceId) {
        if (!AgentMails.firstThisHour(session, realm.getId(), user.getId(), KIND)) {
            return;
        }
        DeviceDescription device = new KnownDevices(session).description(realm.getId(), user.getId(), deviceId)
                .orElse(new DeviceDescription(DeviceDescription.UNKNOWN, DeviceDescription.UNKNOWN, DeviceDescription.UNKNOWN));
        Map<String, Object> attributes = Map.of(
                "casvpBrowser", device.browser(),
                "casvpOs", device.os(),
                "casvpNetwork", device.networkPrefix());
        MailAfterCommit.sendAfterCommit(session, AgentMails.toAgent(session, realm, user, KIND,
                "casvp.email.oldPassword.subject", List.of(), "casvp-old-password.ftl", attributes));
    }
}
