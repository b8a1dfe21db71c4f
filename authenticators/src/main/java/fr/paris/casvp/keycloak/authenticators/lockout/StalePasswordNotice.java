package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.device.DeviceRecognitionConfig;
import fr.paris.casvp.keycloak.authenticators.device.KnownDeviceEntity;
import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import fr.paris.casvp.keycloak.authenticators.support.MailAfterCommit;
import fr.paris.casvp.keycloak.authenticators.support.SecondaryAddress;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
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
    private static final long ONE_HOUR_SECONDS = 3600;

    private StalePasswordNotice() {
    }

    static void queue(KeycloakSession session, RealmModel realm, UserModel user, String deviceId) {
        if (!session.singleUseObjects().putIfAbsent("casvp-notify:" + realm.getId() + ":" + user.getId() + ":" + KIND,
                ONE_HOUR_SECONDS)) {
            return;
        }
        Optional<KnownDeviceEntity> device = new KnownDevices(session).byId(realm.getId(), user.getId(), deviceId);
        Map<String, Object> attributes = Map.of(
                "casvpBrowser", device.map(KnownDeviceEntity::getBrowser).orElse("?"),
                "casvpOs", device.map(KnownDeviceEntity::getOs).orElse("?"),
                "casvpNetwork", device.map(KnownDeviceEntity::getNetworkPrefix).orElse("?"));
        List<MailAfterCommit.Mail> mails = new ArrayList<>();
        if (user.getEmail() != null && !user.getEmail().isBlank()) {
            mails.add(mail(realm, user, null, attributes));
        }
        String attribute = DeviceRecognitionConfig.inFlow(realm, realm.getBrowserFlow()).secondaryAddressAttribute();
        SecondaryAddress.of(user, attribute)
                .filter(address -> !address.equalsIgnoreCase(user.getEmail()))
                .ifPresent(address -> mails.add(mail(realm, user, address, attributes)));
        MailAfterCommit.sendAfterCommit(session, mails);
    }

    private static MailAfterCommit.Mail mail(RealmModel realm, UserModel user, String address,
                                             Map<String, Object> attributes) {
        return new MailAfterCommit.Mail(KIND, realm.getId(), user.getId(), address, "casvp.email.oldPassword.subject",
                List.of(), "casvp-old-password.ftl", attributes);
    }
}
