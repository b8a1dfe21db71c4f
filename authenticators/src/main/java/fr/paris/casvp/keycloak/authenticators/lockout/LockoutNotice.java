package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.account.AgentSettings;
import fr.paris.casvp.keycloak.authenticators.mail.AgentMails;
import fr.paris.casvp.keycloak.authenticators.mail.MailAfterCommit;
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
        Map<String, Object> attributes = Map.of(
                "casvpUnlockAt", AgentMails.parisDateTime(unlockAt),
                "casvpScope", knownBrowser ? "knownBrowser" : "unknownBrowsers",
                "casvpAgent", user.getUsername());
        List<MailAfterCommit.Mail> mails = new ArrayList<>(AgentMails.toAgent(session, realm, user,
                KIND, "casvp.email.locked.subject", List.of(user.getUsername()), "casvp-locked.ftl", attributes));
        AgentSettings.of(session, realm).contact().ifPresent(contact -> mails.add(new MailAfterCommit.Mail(KIND,
                realm.getId(), user.getId(), contact, "casvp.email.lockedContact.subject", List.of(user.getUsername()),
                "casvp-locked-contact.ftl", attributes)));
        MailAfterCommit.sendAfterCommit(session, mails);
    }
}
