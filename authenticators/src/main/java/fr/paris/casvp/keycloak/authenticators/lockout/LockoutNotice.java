package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.device.DeviceRecognitionConfig;
import fr.paris.casvp.keycloak.authenticators.support.AgentMails;
import fr.paris.casvp.keycloak.authenticators.support.MailAfterCommit;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tells the real owner, by mail and never on the page, that sign-in was locked: for which
 * browsers, until when (Paris time), and what to do (wait, "mot de passe oublié", call the
 * helpdesk). Also to the recovery address and to the security contact.
 */
final class LockoutNotice {

    static final String KIND = "lockout_notice";

    private LockoutNotice() {
    }

    static void queue(KeycloakSession session, RealmModel realm, UserModel user, boolean knownBrowser, long unlockAt) {
        DeviceRecognitionConfig devices = DeviceRecognitionConfig.inFlow(realm, realm.getBrowserFlow());
        Map<String, Object> attributes = Map.of(
                "casvpUnlockAt", AgentMails.parisDateTime(unlockAt),
                "casvpScope", knownBrowser ? "knownBrowser" : "unknownBrowsers",
                "casvpAgent", user.getUsername());
        List<MailAfterCommit.Mail> mails = new ArrayList<>(AgentMails.toAgent(realm, user,
                devices.secondaryAddressAttribute(), KIND, "casvp.email.locked.subject", List.of(user.getUsername()),
                "casvp-locked.ftl", attributes));
        if (!devices.securityContact().isEmpty()) {
            mails.add(new MailAfterCommit.Mail(KIND, realm.getId(), user.getId(), devices.securityContact(),
                    "casvp.email.lockedContact.subject", List.of(user.getUsername()), "casvp-locked-contact.ftl",
                    attributes));
        }
        MailAfterCommit.sendAfterCommit(session, mails);
    }
}
