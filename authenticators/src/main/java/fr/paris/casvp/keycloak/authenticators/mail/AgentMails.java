package fr.paris.casvp.keycloak.authenticators.mail;

import fr.paris.casvp.keycloak.authenticators.account.AgentSettings;
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
 * What every mail to an agent shares: it goes to the account address and, when it is a
 * different one, to the recovery address; times are told in Paris time; some kinds are
 * sent at most once an hour per agent.
 */
public final class AgentMails {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    private static final long ONE_HOUR_SECONDS = 3600;

    private AgentMails() {
    }

    /** "27/11/2026 10:42", Paris time. */
    public static String parisDateTime(long epochMillis) {
        return DATE_TIME.format(Instant.ofEpochMilli(epochMillis).atZone(PARIS));
    }

    /** "10:42", Paris time. */
    public static String parisHour(long epochMillis) {
        return HOUR.format(Instant.ofEpochMilli(epochMillis).atZone(PARIS));
    }

    /** True the first time in an hour for this agent and kind, across the cluster (single-use store). */
    public static boolean firstThisHour(KeycloakSession session, String realmId, String userId, String kind) {
        return session.singleUseObjects().putIfAbsent("casvp-notify:" + realmId + ":" + userId + ":" + kind,
                ONE_HOUR_SECONDS);
    }

    /** The same mail to the account address and, when different, to the recovery address. */
    public static List<MailAfterCommit.Mail> toAgent(KeycloakSession session, RealmModel realm, UserModel user,
                                                     String kind, String subjectKey, List<Object> subjectParameters,
                                                     String template, Map<String, Object> attributes) {
        List<MailAfterCommit.Mail> mails = new ArrayList<>();
        if (user.getEmail() != null && !user.getEmail().isBlank()) {
            mails.add(new MailAfterCommit.Mail(kind, realm.getId(), user.getId(), null, subjectKey, subjectParameters,
                    template, attributes));
        }
        AgentSettings.of(session, realm).recoveryAddress(user)
                .filter(address -> !address.equalsIgnoreCase(user.getEmail()))
                .ifPresent(address -> mails.add(new MailAfterCommit.Mail(kind, realm.getId(), user.getId(), address,
                        subjectKey, subjectParameters, template, attributes)));
        return mails;
    }
}
