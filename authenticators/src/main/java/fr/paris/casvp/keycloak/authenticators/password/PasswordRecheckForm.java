package fr.paris.casvp.keycloak.authenticators.password;

import fr.paris.casvp.keycloak.authenticators.device.KnownDevices;
import fr.paris.casvp.keycloak.authenticators.identifier.IdentifierHelp;
import fr.paris.casvp.keycloak.authenticators.lockout.DeviceAwareLockout;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutMails;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutScope;
import fr.paris.casvp.keycloak.authenticators.lockout.LockoutSettings;
import fr.paris.casvp.keycloak.authenticators.lockout.SourceThrottle;
import fr.paris.casvp.keycloak.authenticators.mail.AgentMails;
import fr.paris.casvp.keycloak.authenticators.metrics.CasvpMetrics;
import fr.paris.casvp.keycloak.authenticators.network.TrustedNetworkGateFactory;
import fr.paris.casvp.keycloak.authenticators.support.EventDetails;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.services.messages.Messages;

import java.util.Optional;

/**
 * Keycloak's username and password form, plus one thing: once the password is
 * verified, it is checked again against the realm policies that can change their
 * verdict over time (a password that appeared in a breach, or a newly listed word).
 * When one refuses it, the agent must set a new password before going on, instead
 * of keeping it until the next voluntary change. The identifier is normalised first
 * (spaces, capitals, organisation mail domain) and, when it does not have the expected
 * format, the generic refusal reminds the agent of that format.
 */
final class PasswordRecheckForm extends UsernamePasswordForm {

    private static final Logger LOG = Logger.getLogger(PasswordRecheckForm.class);
    static final String EVENT_DETAIL = "casvp_password_refused_by";
    /** Names of the fields of Keycloak's login form. */
    private static final String PASSWORD_FIELD = "password";
    private static final String USERNAME_FIELD = "username";
    static final String HINT_NOTE = "casvp.identifierHint";
    static final String IDENTIFIER_HINT = "casvp.identifier.invalidWithHint";

    /** Request attribute: this request's tries were refused before the password was checked. */
    static final String LOCKOUT_EVENT_DETAIL = EventDetails.LOCKOUT;
    static final String TOO_MANY_ATTEMPTS_TEMPLATE = "casvp-too-many-attempts.ftl";

    PasswordRecheckForm(KeycloakSession session) {
        super(session);
    }

    /**
     * A source that sprayed too many wrong passwords across accounts gets "too many
     * attempts" (429) before anything else is looked at — except in a browser the typed
     * account has signed in from: the agency's NAT or VPN address is shared by hundreds of
     * agents, and one machine spraying behind it must not keep them out of their own browsers
     * (their tries still count against that browser's own lock and the source).
     */
    @Override
    public void action(AuthenticationFlowContext context) {
        LockoutSettings settings = PasswordRecheckConfig.of(context).lockout();
        long until = new SourceThrottle(context.getSession(), context.getRealm(), settings)
                .throttledUntil(context.getConnection().getRemoteAddr());
        if (until > 0 && !knownBrowserOfTypedAccount(context, settings)) {
            context.getEvent().detail(LOCKOUT_EVENT_DETAIL, "source_throttled").error(Errors.ACCESS_DENIED);
            CasvpMetrics.sourceThrottled(context.getRealm());
            Response page = context.form()
                    .setAttribute("casvpRetryAt", AgentMails.parisHour(until))
                    .setStatus(Response.Status.TOO_MANY_REQUESTS)
                    .createForm(TOO_MANY_ATTEMPTS_TEMPLATE);
            context.forceChallenge(page);
            return;
        }
        super.action(context);
    }

    private static boolean knownBrowserOfTypedAccount(AuthenticationFlowContext context, LockoutSettings settings) {
        if (!KnownDevices.requestHasDeviceCookie(context.getSession())) {
            return false; // no device cookie: no lookup, the answer comes at once
        }
        UserModel user = typedUser(context);
        return user != null
                && new DeviceAwareLockout(context.getSession(), context.getRealm(), settings).knownBrowser(user);
    }

    /**
     * The device-aware lock of this browser — the only lock: Keycloak's per-user count is not
     * consulted, so attempts from elsewhere never keep the agent's own browser out (the
     * bundle's brute-force protector answers every other door the same way). A locked
     * browser's tries get the same answer as a wrong password, after the same hashing work,
     * and never reach the password check (nor a federated directory).
     */
    @Override
    protected boolean isDisabledByBruteForce(AuthenticationFlowContext context, UserModel user) {
        LockoutSettings settings = PasswordRecheckConfig.of(context).lockout();
        DeviceAwareLockout lockout = new DeviceAwareLockout(context.getSession(), context.getRealm(), settings);
        if (lockout.blockedUntil(user, lockout.scope(user)) > 0) {
            lockout.refuseBeforeCheck(user);
            AuthenticatorUtils.dummyHash(context);
            new SourceThrottle(context.getSession(), context.getRealm(), settings)
                    .recordFailure(context.getConnection().getRemoteAddr());
            context.getEvent().user(user).detail(LOCKOUT_EVENT_DETAIL, EventDetails.LOCKOUT_BLOCKED).error(Errors.USER_TEMPORARILY_DISABLED);
            AuthenticatorUtils.setupReauthenticationInUsernamePasswordFormError(context);
            context.forceChallenge(challenge(context, getDefaultChallengeMessage(context), PASSWORD_FIELD));
            context.clearUser();
            return true;
        }
        return false;
    }

    /** Counts the wrong password against this browser's counter and the source; a success resets the counter. */
    @Override
    public boolean validatePassword(AuthenticationFlowContext context, UserModel user,
                                    MultivaluedMap<String, String> inputData, boolean clearUser) {
        String password = inputData.getFirst(PASSWORD_FIELD);
        LockoutSettings settings = PasswordRecheckConfig.of(context).lockout();
        DeviceAwareLockout lockout = new DeviceAwareLockout(context.getSession(), context.getRealm(), settings);
        LockoutScope scope = lockout.scope(user);
        boolean typed = password != null && !password.isEmpty();
        if (typed) {
            // The failure event is sent inside the check: say beforehand how a failure would count.
            context.getEvent().detail(LOCKOUT_EVENT_DETAIL,
                    lockout.repeatsLastWrongPassword(user, scope, password) ? "repeated" : "counted");
        }
        boolean valid = super.validatePassword(context, user, inputData, clearUser);
        if (lockout.refusedBeforeCheck() || !typed) {
            return valid;
        }
        if (valid) {
            context.getEvent().removeDetail(LOCKOUT_EVENT_DETAIL);
            lockout.recordSuccess(user, scope);
            return true;
        }
        DeviceAwareLockout.Failure failure = lockout.recordFailure(user, scope, password);
        LockoutMails.after(context.getSession(), context.getRealm(), user, failure);
        if (failure.kind() != DeviceAwareLockout.Failure.Kind.REPEATED) {
            new SourceThrottle(context.getSession(), context.getRealm(), settings)
                    .recordFailure(context.getConnection().getRemoteAddr());
        }
        return false;
    }

    /** An unknown identifier counts against the source too (spraying tries lists of names). */
    @Override
    public void testInvalidUser(AuthenticationFlowContext context, UserModel user) {
        if (user == null) {
            LockoutSettings settings = PasswordRecheckConfig.of(context).lockout();
            new SourceThrottle(context.getSession(), context.getRealm(), settings)
                    .recordFailure(context.getConnection().getRemoteAddr());
        }
        super.testInvalidUser(context, user);
    }

    @Override
    protected boolean validateForm(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        IdentifierHelp help = PasswordRecheckConfig.of(context).identifierHelp();
        String identifier = help.normalise(formData.getFirst(USERNAME_FIELD));
        MultivaluedMap<String, String> normalised = new MultivaluedHashMap<>(formData);
        if (identifier != null) {
            normalised.putSingle(USERNAME_FIELD, identifier);
        }
        if (help.deservesAHint(identifier)) {
            context.getAuthenticationSession().setAuthNote(HINT_NOTE, "true");
        } else {
            context.getAuthenticationSession().removeAuthNote(HINT_NOTE);
        }
        if (!super.validateForm(context, normalised)) {
            return false;
        }
        UserModel user = context.getUser();
        String password = normalised.getFirst(PASSWORD_FIELD);
        if (user == null || password == null) {
            return true;
        }
        if (TrustedNetworkGateFactory.refusalAhead(context, () -> user).isPresent()) {
            return true; // the gate refuses next: no re-check, so a right password costs what a wrong one does
        }
        String refusedBy = firstRefusingPolicy(context, user, password);
        if (refusedBy != null) {
            user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
            context.getEvent().detail(EVENT_DETAIL, refusedBy);
            LOG.debugf("Password of user %s no longer passes %s: new password required", user.getId(), refusedBy);
        }
        return true;
    }

    /**
     * The generic refusal (same for an unknown identifier and a wrong password), with a
     * reminder of the expected identifier format when what was typed does not have it. From
     * outside the trusted networks, when the VPN gate further on will refuse this agent (or
     * this unknown identifier) anyway, the refusal is the gate's page itself: the same page,
     * status and work for a right and a wrong password.
     */
    @Override
    protected Response challenge(AuthenticationFlowContext context, String error, String field) {
        Optional<Response> gate = TrustedNetworkGateFactory.refusalAhead(context, () -> typedUser(context));
        if (gate.isPresent()) {
            return gate.get();
        }
        boolean hint = "true".equals(context.getAuthenticationSession().getAuthNote(HINT_NOTE));
        return super.challenge(context, hint && Messages.INVALID_USER.equals(error) ? IDENTIFIER_HINT : error, field);
    }

    /** The account the identifier names (Keycloak's form clears it on a failure), or null. */
    private static UserModel typedUser(AuthenticationFlowContext context) {
        if (context.getUser() != null) {
            return context.getUser();
        }
        String typed = context.getHttpRequest().getDecodedFormParameters().getFirst(USERNAME_FIELD);
        String identifier = PasswordRecheckConfig.of(context).identifierHelp().normalise(typed);
        return identifier == null || identifier.isBlank() ? null
                : KeycloakModelUtils.findUserByNameOrEmail(context.getSession(), context.getRealm(), identifier);
    }

    private static String firstRefusingPolicy(AuthenticationFlowContext context, UserModel user, String password) {
        RealmModel realm = context.getRealm();
        for (String policyId : PasswordRecheckConfig.of(context).policies()) {
            if (realm.getPasswordPolicy() == null || realm.getPasswordPolicy().getPolicyConfig(policyId) == null) {
                continue;
            }
            PasswordPolicyProvider policy = context.getSession().getProvider(PasswordPolicyProvider.class, policyId);
            if (policy == null) {
                continue;
            }
            PolicyError error = policy.validate(realm, user, password);
            if (error != null) {
                return policyId;
            }
        }
        return null;
    }
}
