package fr.paris.casvp.keycloak.authenticators.notify;

import fr.paris.casvp.keycloak.authenticators.mail.AgentMails;
import fr.paris.casvp.keycloak.authenticators.mail.MailAfterCommit;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mails the agent (account and recovery addresses) when their password changes (by
 * them, by a reset, or by the helpdesk) or when a second factor is added or removed, so
 * that a change they did not make does not go unnoticed. At most one mail per kind per
 * agent per hour (a cluster-wide single-use marker), sent after commit, off the request.
 */
final class AccountChangeNotifier implements EventListenerProvider {

    static final String KIND_PASSWORD = "password_changed";
    static final String KIND_FACTOR_ADDED = "second_factor_added";
    static final String KIND_FACTOR_REMOVED = "second_factor_removed";

    private final KeycloakSession session;

    AccountChangeNotifier(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        kindOf(event.getType(), event.getDetails() == null ? null : event.getDetails().get(Details.CREDENTIAL_TYPE))
                .ifPresent(kind -> notify(event.getRealmId(), event.getUserId(), kind, false));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // PUT users/{id}/reset-password: the helpdesk set a password
        String path = event.getResourcePath();
        if (event.getResourceType() == ResourceType.USER && event.getOperationType() == OperationType.ACTION
                && path != null && path.startsWith("users/") && path.endsWith("/reset-password")) {
            String userId = path.substring("users/".length(), path.length() - "/reset-password".length());
            notify(event.getRealmId(), userId, KIND_PASSWORD, true);
        }
    }

    static Optional<String> kindOf(EventType type, String credentialType) {
        if (type == null) {
            return Optional.empty();
        }
        return switch (type) {
            // UPDATE_PASSWORD is also sent, deprecated, next to UPDATE_CREDENTIAL: one mail for both
            case UPDATE_CREDENTIAL -> PasswordCredentialModel.TYPE.equals(credentialType)
                    ? Optional.of(KIND_PASSWORD) : Optional.of(KIND_FACTOR_ADDED);
            case UPDATE_TOTP -> Optional.of(KIND_FACTOR_ADDED);
            case REMOVE_TOTP, REMOVE_CREDENTIAL -> PasswordCredentialModel.TYPE.equals(credentialType)
                    ? Optional.empty() : Optional.of(KIND_FACTOR_REMOVED);
            default -> Optional.empty();
        };
    }

    private void notify(String realmId, String userId, String kind, boolean byHelpdesk) {
        if (realmId == null || userId == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(realmId);
        UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        // at most one mail of a kind per agent per hour, across the cluster
        if (!AgentMails.firstThisHour(session, realmId, userId, kind)) {
            return;
        }
        Map<String, Object> attributes = Map.of(
                "casvpKind", kind,
                "casvpBy", byHelpdesk ? "helpdesk" : "agent",
                "casvpWhen", AgentMails.parisDateTime(Time.currentTimeMillis()));
        MailAfterCommit.sendAfterCommit(session, AgentMails.toAgent(session, realm, user, kind,
                "casvp.email.change.subject." + kind, List.of(), "casvp-account-change.ftl", attributes));
    }

    @Override
    public void close() {
        // nothing held
    }
}
