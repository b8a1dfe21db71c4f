package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.account.AgentSettings;
import fr.paris.casvp.keycloak.authenticators.account.SecondaryAddress;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutRelease;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Map;

/**
 * What follows a recovery, as an event listener ({@code casvp-recovery}):
 * <ul>
 *   <li>when the new password of a forgot-password (or helpdesk) recovery is saved, every
 *   other session of the agent ends, offline ones included, and their lockout is cleared
 *   (the password change itself is mailed to both addresses by {@code casvp-notifications});</li>
 *   <li>when a second factor is set up from a new device, it is recorded for "not me"
 *   and "secure" ({@link NewDeviceAdditions});</li>
 *   <li>when the agent changes their recovery address in the account console (in a realm
 *   whose admins let agents edit it there; the export does not), the account address and the
 *   previous verified address are told; the new one is used only once verified at the next
 *   sign-in.</li>
 * </ul>
 */
final class RecoveryCompletion implements EventListenerProvider {

    private final KeycloakSession session;

    RecoveryCompletion(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        boolean credentialEvent = event.getType() == EventType.UPDATE_CREDENTIAL || event.getType() == EventType.UPDATE_TOTP;
        String credentialType = event.getDetails() == null ? null : event.getDetails().get(Details.CREDENTIAL_TYPE);
        if (credentialEvent && PasswordCredentialModel.TYPE.equals(credentialType)) {
            passwordSaved(event);
        } else if (credentialEvent) {
            secondFactorSetUp(event);
        } else if (event.getType() == EventType.UPDATE_PROFILE && event.getDetails() != null) {
            profileUpdated(event);
        }
    }

    private void passwordSaved(Event event) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (authSession == null || authSession.getAuthNote(RecoveryCodeStep.VIA_NOTE) == null) {
            return;
        }
        RealmModel realm = session.getContext().getRealm();
        UserModel user = authSession.getAuthenticatedUser();
        if (realm == null || user == null || !user.getId().equals(event.getUserId())) {
            return;
        }
        String via = authSession.getAuthNote(RecoveryCodeStep.VIA_NOTE);
        authSession.removeAuthNote(RecoveryCodeStep.VIA_NOTE);
        int ended = AccountSecuring.endSessions(session, realm, user, authSession.getParentSession().getId());
        int counters = LockoutRelease.ofUser(session, realm, user.getId());
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.CUSTOM_REQUIRED_ACTION).user(user).client(authSession.getClient())
                .detail(Details.CUSTOM_REQUIRED_ACTION, RecoveryCodeStepFactory.ID)
                .detail(RecoveryCodeStep.CASVP_EVENT, "password_reset_completed")
                .detail("casvp_via", via)
                .detail("casvp_sessions_ended", Integer.toString(ended))
                .detail("casvp_lockout_cleared", Boolean.toString(counters > 0))
                .success();
    }

    /** Recorded when it comes from a new device: "not me" and "secure" take it back (see {@link NewDeviceAdditions}). */
    private void secondFactorSetUp(Event event) {
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null || event.getUserId() == null ? null
                : session.users().getUserById(realm, event.getUserId());
        if (user != null) {
            NewDeviceAdditions.secondFactorSetUp(session, realm, user);
        }
    }

    private void profileUpdated(Event event) {
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null || event.getUserId() == null) {
            return;
        }
        String attribute = AgentSettings.of(session, realm).secondaryAddressAttribute();
        Map<String, String> details = event.getDetails();
        String previousKey = Details.PREF_PREVIOUS + attribute;
        if (!details.containsKey(previousKey)) {
            return;
        }
        UserModel user = session.users().getUserById(realm, event.getUserId());
        if (user == null) {
            return;
        }
        String previous = SecondaryAddress.lastVerified(user, attribute).orElse(null);
        String current = SecondaryAddress.typed(user, attribute).orElse(null);
        if (SecondaryAddress.sameAddress(previous, current)) {
            return;
        }
        RecoveryNotices.addressChanged(session, realm, user, "changed", previous, current);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // admins changing an address are audited by admin events; the agent verifies it at sign-in
    }

    @Override
    public void close() {
        // nothing held
    }
}
