package fr.paris.casvp.keycloak.authenticators.helpdesk;

import fr.paris.casvp.keycloak.authenticators.account.SecondFactors;
import fr.paris.casvp.keycloak.authenticators.privileged.PrivilegedRoles;
import fr.paris.casvp.keycloak.authenticators.privileged.SecondFactorEvidence;
import fr.paris.casvp.keycloak.authenticators.recovery.AccountSecuring;
import fr.paris.casvp.keycloak.authenticators.recovery.HelpdeskCodes;
import fr.paris.casvp.keycloak.authenticators.recovery.RecoveryNotices;
import fr.paris.casvp.keycloak.authenticators.support.EventDetails;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The helpdesk's two actions on one agent, under
 * {@code /admin/realms/{realm}/casvp-helpdesk/agents/{username}}, for callers of this realm
 * with the helpdesk role, signed in through the {@code casvp-helpdesk} client with a second
 * factor (server admins may too). Never for an account with any privileged role (any
 * realm-management role, the helpdesk's), nor for oneself: a recovery code would let the
 * operator into that account.
 * Each action is an admin event and a user event, and the agent is mailed.
 */
final class HelpdeskResource {

    static final String CASVP_EVENT = EventDetails.CASVP_EVENT;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final String helpdeskRole;

    HelpdeskResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                     AdminEventBuilder adminEvent, String helpdeskRole) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
        this.helpdeskRole = helpdeskRole;
    }

    /** (a) A one-time recovery code, shown once, for the operator to read out; valid 30 minutes. */
    @POST
    @Path("agents/{username}/recovery-code")
    @Produces(MediaType.APPLICATION_JSON)
    public Response recoveryCode(@PathParam("username") String username) {
        UserModel agent = agentFor(username);
        String code = HelpdeskCodes.issue(session, realm, agent);
        audit(agent, "recovery-code", "helpdesk_recovery_code_issued", Map.of());
        RecoveryNotices.helpdesk(session, realm, agent, RecoveryNotices.HELPDESK_CODE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", agent.getUsername());
        body.put("code", code);
        body.put("validMinutes", HelpdeskCodes.LIFETIME.toMinutes());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body).cacheControl(noStore).build();
    }

    /**
     * (b) Secures a suspected compromised account in one action: sessions end, devices are
     * forgotten, and the password and every second factor are removed, so that whoever knows
     * them gets nowhere. The agent gets back in only through "forgot password" (a code to
     * their recovery address, or one the helpdesk reads out), then sets up a new factor and
     * a new password. A directory's password is the directory's: it is not touched.
     */
    @POST
    @Path("agents/{username}/secure")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> secure(@PathParam("username") String username) {
        UserModel agent = agentFor(username);
        AccountSecuring.Outcome outcome = AccountSecuring.secure(session, realm, agent);
        int factors = SecondFactors.remove(agent, SecondFactors.ALL);
        agent.addRequiredAction(UserModel.RequiredAction.CONFIGURE_TOTP);
        audit(agent, "secure", "helpdesk_account_secured", Map.of(
                "casvp_sessions_ended", Integer.toString(outcome.sessionsEnded()),
                "casvp_devices_forgotten", Integer.toString(outcome.devicesForgotten()),
                "casvp_factors_removed", Integer.toString(factors),
                "casvp_password_removed", Boolean.toString(outcome.passwordRemoved()),
                "casvp_recovery_address_removed",
                Boolean.toString(outcome.newDeviceAdditions().recoveryAddressRemoved())));
        RecoveryNotices.helpdesk(session, realm, agent, RecoveryNotices.HELPDESK_SECURED);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", agent.getUsername());
        body.put("sessionsEnded", outcome.sessionsEnded());
        body.put("devicesForgotten", outcome.devicesForgotten());
        body.put("factorsRemoved", factors);
        body.put("passwordRemoved", outcome.passwordRemoved());
        body.put("recoveryAddressRemoved", outcome.newDeviceAdditions().recoveryAddressRemoved());
        body.put("requiredActions", agent.getRequiredActionsStream().sorted().toList());
        return body;
    }

    /**
     * The operator must be a helpdesk operator of this realm who signed in through the
     * helpdesk's own client with a second factor they hold (a server administrator of the
     * master realm may act too); the agent must hold no privileged role at all: a recovery
     * code for an administrator, another operator or oneself would open that account.
     */
    private UserModel agentFor(String username) {
        UserModel operator = auth.adminAuth().getUser();
        boolean ofThisRealm = realm.equals(auth.adminAuth().getRealm());
        boolean helpdesk = ofThisRealm && hasRealmRole(operator, helpdeskRole);
        if (!helpdesk && !auth.users().canManage()) {
            throw new ForbiddenException("The helpdesk role of this realm is required");
        }
        if (ofThisRealm) {
            AccessToken token = auth.adminAuth().getToken();
            if (!HelpdeskResourceProviderFactory.HELPDESK_CLIENT.equals(token.getIssuedFor())) {
                throw new ForbiddenException("Sign in through the " + HelpdeskResourceProviderFactory.HELPDESK_CLIENT
                        + " client");
            }
            UserSessionModel signIn = token.getSessionId() == null ? null
                    : session.sessions().getUserSession(realm, token.getSessionId());
            if (!SecondFactorEvidence.inSession(realm, signIn)) {
                throw new ForbiddenException("Sign in with your second factor (app or security key)");
            }
        }
        UserModel agent = session.users().getUserByUsername(realm, username);
        if (agent == null || agent.getServiceAccountClientLink() != null) {
            throw new NotFoundException("No such agent");
        }
        if (agent.getId().equals(operator.getId())
                || PrivilegedRoles.of(helpdeskRole).holds(realm, agent)) {
            throw new ForbiddenException("Helpdesk actions are for agents, not for operators or administrators");
        }
        return agent;
    }

    private boolean hasRealmRole(UserModel user, String roleName) {
        RoleModel role = realm.getRole(roleName);
        return role != null && user.hasRole(role);
    }

    private void audit(UserModel agent, String action, String casvpEvent, Map<String, String> details) {
        UserModel operator = auth.adminAuth().getUser();
        adminEvent.operation(OperationType.ACTION)
                .resourcePath("users", agent.getId(), "casvp-helpdesk", action)
                .detail(CASVP_EVENT, casvpEvent)
                .success();
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.CUSTOM_REQUIRED_ACTION).user(agent)
                .detail(Details.CUSTOM_REQUIRED_ACTION, HelpdeskResourceProviderFactory.ID)
                .detail(CASVP_EVENT, casvpEvent)
                .detail("casvp_operator", operator.getUsername());
        details.forEach(event::detail);
        event.success();
    }
}
