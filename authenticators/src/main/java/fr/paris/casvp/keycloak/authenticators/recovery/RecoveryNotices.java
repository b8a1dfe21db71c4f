package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.account.SecondaryAddress;
import fr.paris.casvp.keycloak.authenticators.device.DeviceDescription;
import fr.paris.casvp.keycloak.authenticators.mail.AgentMails;
import fr.paris.casvp.keycloak.authenticators.mail.MailAfterCommit;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mails of recovery: a one-time code (to check a new recovery address, or to reset a
 * forgotten password), and the notices that the recovery address changed or that the
 * helpdesk acted on the account. Sent after commit, off the request; codes never logged.
 */
public final class RecoveryNotices {

    public static final String HELPDESK_CODE = "helpdesk_code";
    public static final String HELPDESK_SECURED = "helpdesk_secured";

    static final String PURPOSE_ADDRESS = "address";
    static final String PURPOSE_RESET = "reset";

    private RecoveryNotices() {
    }

    /** A code to one address; the mail says which browser and network asked for it. */
    static void code(KeycloakSession session, RealmModel realm, UserModel user, String address, String purpose,
                     String code, Duration lifetime) {
        DeviceDescription device = DeviceDescription.of(session, session.getContext().getConnection().getRemoteAddr());
        Map<String, Object> attributes = Map.of(
                "casvpCode", code,
                "casvpPurpose", purpose,
                "casvpMinutes", Math.max(1, lifetime.toMinutes()),
                "casvpBrowser", device.browser(),
                "casvpOs", device.os(),
                "casvpNetwork", device.networkPrefix() == null ? DeviceDescription.UNKNOWN : device.networkPrefix());
        MailAfterCommit.sendAfterCommit(session, List.of(new MailAfterCommit.Mail("recovery_code_" + purpose,
                realm.getId(), user.getId(), address, "casvp.email.recoveryCode.subject." + purpose, List.of(),
                "casvp-recovery-code.ftl", attributes)));
    }

    /**
     * The recovery address changed ({@code kind} "changed": typed in the account, not yet
     * verified; "verified": a code confirmed it): the account address and the previous
     * verified recovery address are told, so that a change by someone else is noticed.
     */
    static void addressChanged(KeycloakSession session, RealmModel realm, UserModel user, String kind,
                               String previous, String current) {
        Map<String, Object> attributes = Map.of(
                "casvpKind", kind,
                "casvpNewAddress", current == null ? "-" : SecondaryAddress.mask(current),
                "casvpWhen", AgentMails.parisDateTime(Time.currentTimeMillis()));
        List<MailAfterCommit.Mail> mails = new ArrayList<>();
        String subject = "casvp.email.recoveryAddress.subject";
        if (user.getEmail() != null && !user.getEmail().isBlank()) {
            mails.add(new MailAfterCommit.Mail("recovery_address_" + kind, realm.getId(), user.getId(), null, subject,
                    List.of(), "casvp-recovery-address.ftl", attributes));
        }
        if (previous != null && !SecondaryAddress.sameAddress(previous, current)
                && !SecondaryAddress.sameAddress(previous, user.getEmail())) {
            mails.add(new MailAfterCommit.Mail("recovery_address_" + kind, realm.getId(), user.getId(), previous,
                    subject, List.of(), "casvp-recovery-address.ftl", attributes));
        }
        MailAfterCommit.sendAfterCommit(session, mails);
    }

    /** The helpdesk issued a recovery code ("helpdesk_code") or secured the account ("helpdesk_secured"). */
    public static void helpdesk(KeycloakSession session, RealmModel realm, UserModel user, String kind) {
        Map<String, Object> attributes = Map.of(
                "casvpKind", kind,
                "casvpWhen", AgentMails.parisDateTime(Time.currentTimeMillis()));
        MailAfterCommit.sendAfterCommit(session, AgentMails.toAgent(session, realm, user, kind,
                "casvp.email.helpdesk.subject." + kind, List.of(), "casvp-helpdesk.ftl", attributes));
    }
}
