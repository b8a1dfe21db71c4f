package fr.paris.casvp.keycloak.authenticators.notme;

import fr.paris.casvp.keycloak.authenticators.account.AgentSettings;
import fr.paris.casvp.keycloak.authenticators.device.NotMeActionToken;
import fr.paris.casvp.keycloak.authenticators.mail.AgentMails;
import fr.paris.casvp.keycloak.authenticators.mail.MailAfterCommit;
import fr.paris.casvp.keycloak.authenticators.recovery.AccountSecuring;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.List;
import java.util.Map;

/**
 * {@code casvp-not-me}: the link of a device alert. Opening it shows a confirmation page
 * (so that a mail scanner following links changes nothing); confirming ends every
 * session, forgets every device, requires a new password and tells the security contact.
 * The link works once: a second use, like an expired link, gets a page saying so.
 */
public final class NotMeActionTokenHandler extends AbstractActionTokenHandler<NotMeActionToken> {

    static final String TEMPLATE = "casvp-not-me.ftl";
    static final String STEP_ATTRIBUTE = "casvpNotMeStep";
    static final String EVENT_KIND = "not_me";
    static final String SECURITY_CONTACT_KIND = "not_me_security_contact";
    private static final int CLOCK_SKEW_SECONDS = 5;

    public NotMeActionTokenHandler() {
        super(NotMeActionToken.TOKEN_TYPE, NotMeActionToken.class, "casvp.notMe.invalidLink",
                EventType.EXECUTE_ACTION_TOKEN, Errors.INVALID_TOKEN);
    }

    @Override
    public Response handleToken(NotMeActionToken token, ActionTokenContext<NotMeActionToken> tokenContext) {
        KeycloakSession session = tokenContext.getSession();
        RealmModel realm = tokenContext.getRealm();
        AuthenticationSessionModel authSession = tokenContext.getAuthenticationSession();
        UserModel user = authSession.getAuthenticatedUser();
        EventBuilder event = tokenContext.getEvent().detail(MailAfterCommit.EVENT_DETAIL, EVENT_KIND);
        String key = token.serializeKey();

        if (session.revokedTokens().contains(key)) {
            event.error(Errors.EXPIRED_CODE);
            return page(session, authSession, "used", null, Response.Status.BAD_REQUEST);
        }
        if (tokenContext.isAuthenticationSessionFresh()) {
            // First visit from the mail: ask before acting, through a link bound to this browser.
            token.setCompoundAuthenticationSessionId(AuthenticationSessionCompoundId.fromAuthSession(authSession).getEncodedId());
            String confirmUri = Urls.actionTokenBuilder(tokenContext.getUriInfo().getBaseUri(),
                            token.serialize(session, realm, tokenContext.getUriInfo()),
                            authSession.getClient().getClientId(), authSession.getTabId(),
                            AuthenticationProcessor.getClientData(session, authSession))
                    .build(realm.getName()).toString();
            return page(session, authSession, "confirm", confirmUri, Response.Status.OK);
        }
        long lifespan = Math.max(1, token.getExp() - Time.currentTime() + CLOCK_SKEW_SECONDS);
        if (!session.revokedTokens().put(key, lifespan)) {
            event.error(Errors.EXPIRED_CODE);
            return page(session, authSession, "used", null, Response.Status.BAD_REQUEST);
        }

        AccountSecuring.Outcome outcome = AccountSecuring.secure(session, realm, user);
        event.detail("sessions_ended", Integer.toString(outcome.sessionsEnded()))
                .detail("devices_forgotten", Integer.toString(outcome.devicesForgotten()))
                .detail("password_removed", Boolean.toString(outcome.passwordRemoved()))
                .detail("recovery_address_removed", Boolean.toString(outcome.newDeviceAdditions().recoveryAddressRemoved()))
                .detail("new_device_factors_removed", Integer.toString(outcome.newDeviceAdditions().factorsRemoved()))
                .success();
        notifySecurityContact(session, realm, user, outcome);
        Response done = page(session, authSession, "done", null, Response.Status.OK);
        new AuthenticationSessionManager(session).removeAuthenticationSession(realm, authSession, true);
        return done;
    }

    private static void notifySecurityContact(KeycloakSession session, RealmModel realm, UserModel user,
                                              AccountSecuring.Outcome outcome) {
        String contact = AgentSettings.of(session, realm).securityContact();
        if (contact.isEmpty()) {
            return;
        }
        Map<String, Object> attributes = Map.of(
                "casvpAgent", user.getUsername(),
                "casvpWhen", AgentMails.parisDateTime(Time.currentTimeMillis()),
                "casvpSessionsEnded", outcome.sessionsEnded(),
                "casvpDevicesForgotten", outcome.devicesForgotten());
        MailAfterCommit.sendAfterCommit(session, List.of(new MailAfterCommit.Mail(SECURITY_CONTACT_KIND, realm.getId(),
                user.getId(), contact, "casvp.email.notMeContact.subject", List.of(user.getUsername()),
                "casvp-not-me-contact.ftl", attributes)));
    }

    private static Response page(KeycloakSession session, AuthenticationSessionModel authSession, String step,
                                 String actionUri, Response.Status status) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class)
                .setAuthenticationSession(authSession)
                .setAttribute(STEP_ATTRIBUTE, step);
        if (actionUri != null) {
            forms.setAttribute(Constants.TEMPLATE_ATTR_ACTION_URI, actionUri);
        }
        return forms.setStatus(status).createForm(TEMPLATE);
    }
}
