package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.mail.AgentMails;
import fr.paris.casvp.keycloak.authenticators.mail.MailAfterCommit;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.List;
import java.util.Map;

/**
 * The "new device or unusual network" mail: when (Paris time), browser, OS, network and
 * the reason, how to check it was them, and one "this wasn't me" link — never a sign-in
 * link. Sent to the account address and to the secondary address when there is one.
 */
final class NewDeviceAlert {

    static final String KIND = "new_device_alert";
    static final String TEMPLATE = "casvp-new-device.ftl";
    static final String SUBJECT = "casvp.email.newDevice.subject";

    private NewDeviceAlert() {
    }

    static void queue(KeycloakSession session, RealmModel realm, UserModel user, AuthenticationSessionModel authSession,
                      DeviceRecognitionConfig config, DeviceVerdict verdict, DeviceDescription device, long nowMillis) {
        String link = NotMeLink.create(session, realm, user, authSession, config.notMeLinkLifetime());
        Map<String, Object> attributes = Map.of(
                "casvpWhen", AgentMails.parisDateTime(nowMillis),
                "casvpBrowser", device.browser(),
                "casvpOs", device.os(),
                "casvpNetwork", device.networkPrefix() == null ? DeviceDescription.UNKNOWN : device.networkPrefix(),
                "casvpReason", verdict.reason(),
                "casvpNotMeLink", link,
                "casvpNotMeDays", config.notMeLinkLifetime().toDays());
        MailAfterCommit.sendAfterCommit(session, AgentMails.toAgent(session, realm, user, KIND,
                SUBJECT, List.of(), TEMPLATE, attributes));
    }
}
