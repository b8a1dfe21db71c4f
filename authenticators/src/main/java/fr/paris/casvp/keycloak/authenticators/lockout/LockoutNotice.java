package fr.paris.casvp.keycloak.authenticators.lockout;

import fr.paris.casvp.keycloak.authenticators.device.DeviceRecognitionConfig;
import fr.paris.casvp.keycloak.authenticators.support.MailAfterCommit;
import fr.paris.casvp.keycloak.authenticators.support.SecondaryAddress;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private LockoutNotice() {
    }

    static void queue(KeycloakSession session, RealmModel realm, UserModel user, boolean knownBrowser, long unlockAt) {
        DeviceRecognitionConfig devices = DeviceRecognitionConfig.inFlow(realm, realm.getBrowserFlow());
        Map<String, Object> attributes = Map.of(
                "casvpUnlockAt", WHEN.format(Instant.ofEpochMilli(unlockAt).atZone(PARIS)),
                "casvpScope", knownBrowser ? "knownBrowser" : "unknownBrowsers",
                "casvpAgent", user.getUsername());
        List<MailAfterCommit.Mail> mails = new ArrayList<>();
        if (user.getEmail() != null && !user.getEmail().isBlank()) {
            mails.add(mail(realm, user, null, "casvp.email.locked.subject", "casvp-locked.ftl", attributes));
        }
        SecondaryAddress.of(user, devices.secondaryAddressAttribute())
                .filter(address -> !address.equalsIgnoreCase(user.getEmail()))
                .ifPresent(address -> mails.add(mail(realm, user, address, "casvp.email.locked.subject", "casvp-locked.ftl",
                        attributes)));
        if (!devices.securityContact().isEmpty()) {
            mails.add(mail(realm, user, devices.securityContact(), "casvp.email.lockedContact.subject",
                    "casvp-locked-contact.ftl", attributes));
        }
        MailAfterCommit.sendAfterCommit(session, mails);
    }

    private static MailAfterCommit.Mail mail(RealmModel realm, UserModel user, String address, String subject,
                                             String template, Map<String, Object> attributes) {
        return new MailAfterCommit.Mail(KIND, realm.getId(), user.getId(), address, subject,
                List.of(user.getUsername()), template, attributes);
    }
}
