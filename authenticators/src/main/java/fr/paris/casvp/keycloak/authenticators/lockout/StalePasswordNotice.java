package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.device.DeviceRecognitionConfig;
import fr.paris.casvp.keycloak.authenticators.device.KnownDeviceEntity;
import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import fr.paris.casvp.keycloak.authenticators.support.AgentMails;
import fr.paris.casvp.keycloak.authenticators.support.MailAfterCommit;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Optional<KnownDeviceEntity> device = new KnownDevices(session).byId(realm.getId(), user.getId(), deviceId);
        Map<String, Object> attributes = Map.of(
                "casvpBrowser", device.map(KnownDeviceEntity::getBrowser).orElse("?"),
                "casvpOs", device.map(KnownDeviceEntity::getOs).orElse("?"),
                "casvpNetwork", device.map(KnownDeviceEntity::getNetworkPrefix).orElse("?"));
        String attribute = DeviceRecognitionConfig.inFlow(realm, realm.getBrowserFlow()).secondaryAddressAttribute();
        MailAfterCommit.sendAfterCommit(session, AgentMails.toAgent(realm, user, attribute, KIND,
                "casvp.email.oldPassword.subject", List.of(), "casvp-old-password.ftl", attributes));
    }
}
