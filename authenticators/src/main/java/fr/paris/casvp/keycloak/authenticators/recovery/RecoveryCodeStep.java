package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.account.AgentSettings;
import fr.paris.casvp.keycloak.authenticators.account.SecondFactors;
import fr.paris.casvp.keycloak.authenticators.metrics.CasvpMetrics;
import fr.paris.casvp.keycloak.authenticators.provider.SimpleStep;
import fr.paris.casvp.keycloak.authenticators.support.EventDetails;
import fr.paris.casvp.keycloak.authenticators.support.ExpiringEntries;
import fr.paris.casvp.keycloak.authenticators.support.OneTimeCode;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Locale;
import java.util.Optional;

/**
 * Forgot password, after the identifier: a one-time code goes to the agent's verified
 * recovery address (the webmail is what they cannot open), or to the account address
 * only where the realm allows it. The page, its status and the work done are the same
 * whether or not the identifier exists or has an address, so nobody learns which
 * accounts exist. The same field takes a code read out by the helpdesk, which also lets
 * the agent set up a new second factor. The code belongs to this browser's attempt only.
 */
final class RecoveryCodeStep implements SimpleStep {

    static final String TEMPLATE = "casvp-recovery-code.ftl";
    /** How the agent proved it is them: "recovery_address", "account_address" or "helpdesk". */
    public static final String VIA_NOTE = "casvp.recovery.via";
    /** Where this attempt's code was mailed, until the code is typed: becomes {@link #VIA_NOTE}. */
    private static final String PENDING_VIA_NOTE = VIA_NOTE + ".pending";
    static final String CASVP_EVENT = EventDetails.CASVP_EVENT;
    private static final String CODE_NOTE = "casvp.recoveryCode.code";
    private static final String CODE_FIELD = "code";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        RecoveryCodeConfig config = RecoveryCodeConfig.of(context.getAuthenticatorConfig());
        issue(context, config);
        context.challenge(page(context, config, null, Response.Status.OK));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        RecoveryCodeConfig config = RecoveryCodeConfig.of(context.getAuthenticatorConfig());
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        long now = Time.currentTimeMillis();
        if (form.containsKey("resend")) {
            if (OneTimeCode.sentWithin(authSession, CODE_NOTE, now, config.resendAfter())) {
                context.challenge(page(context, config, "casvp.recoveryCode.resendTooSoon", Response.Status.OK));
                return;
            }
            issue(context, config);
            context.challenge(page(context, config, "casvp.recoveryCode.sentAgain", Response.Status.OK));
            return;
        }
        String attempt = form.getFirst(CODE_FIELD);
        UserModel user = context.getUser();
        if (HelpdeskCodes.looksLikeHelpdeskCode(attempt)) {
            if (user != null && HelpdeskCodes.consume(context.getSession(), context.getRealm(), user, attempt)) {
                CasvpMetrics.code(context.getRealm(), CasvpMetrics.CodePurpose.HELPDESK, CasvpMetrics.CodeOutcome.MATCHED);
                helpdeskCodeAccepted(context, user);
                return;
            }
            CasvpMetrics.code(context.getRealm(), CasvpMetrics.CodePurpose.HELPDESK, CasvpMetrics.CodeOutcome.WRONG);
            refuse(context, config, Errors.INVALID_CODE, "casvp.recoveryCode.wrong");
            return;
        }
        // an unknown identifier has a code too, one nobody ever received: it is refused even if guessed
        String sentVia = authSession.getAuthNote(PENDING_VIA_NOTE);
        OneTimeCode.Outcome outcome = OneTimeCode.check(authSession, CODE_NOTE, attempt, now, config.maxTries());
        CasvpMetrics.codeChecked(context.getRealm(), CasvpMetrics.CodePurpose.FORGOT_PASSWORD,
                outcome == OneTimeCode.Outcome.MATCHED && (user == null || sentVia == null)
                        ? OneTimeCode.Outcome.WRONG : outcome);
        if (outcome == OneTimeCode.Outcome.MATCHED && user != null && sentVia != null) {
            authSession.setAuthNote(VIA_NOTE, sentVia);
            authSession.removeAuthNote(PENDING_VIA_NOTE);
            endWithoutSession(authSession);
            context.getEvent().detail(CASVP_EVENT, "recovery_code_accepted");
            context.success();
            return;
        }
        switch (outcome) {
            case NONE -> context.challenge(page(context, config, "casvp.recoveryCode.askNew", Response.Status.BAD_REQUEST));
            case EXPIRED -> refuse(context, config, Errors.EXPIRED_CODE, "casvp.recoveryCode.expired");
            case USED_UP, WRONG_LAST -> refuse(context, config, Errors.INVALID_CODE, "casvp.recoveryCode.tooManyTries");
            default -> refuse(context, config, Errors.INVALID_CODE, "casvp.recoveryCode.wrong");
        }
    }

    /**
     * A new code for this attempt. It is mailed only when the identifier is an enabled
     * account with an address to use and the hourly limit is not reached; otherwise it is
     * made and kept all the same, so that nothing tells the cases apart.
     */
    private static void issue(AuthenticationFlowContext context, RecoveryCodeConfig config) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String code = OneTimeCode.newCode(config.length());
        OneTimeCode.of(code, Time.currentTimeMillis(), config.lifetime().toMillis()).save(authSession, CODE_NOTE);
        authSession.removeAuthNote(PENDING_VIA_NOTE);
        UserModel user = context.getUser();
        // the hourly count is kept for unknown identifiers too: the same work either way
        String counted = user != null ? user.getId()
                : "unknown:" + OneTimeCode.hash("", String.valueOf(authSession.getAuthNote(
                        AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME)).toLowerCase(Locale.ROOT));
        boolean underLimit = underHourlyLimit(context.getSession(), context.getRealm(), counted, config);
        if (user == null) {
            return;
        }
        Optional<String> recovery = AgentSettings.of(context.getSession(), context.getRealm()).recoveryAddress(user);
        String address = recovery.orElse(config.accountAddressAllowed() ? user.getEmail() : null);
        if (address == null || address.isBlank()) {
            context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD_ERROR).user(user)
                    .detail(CASVP_EVENT, "no_verified_recovery_address").error(Errors.EMAIL_SEND_FAILED);
            return;
        }
        if (!underLimit) {
            context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD_ERROR).user(user)
                    .detail(CASVP_EVENT, "recovery_codes_hourly_limit").error(Errors.EMAIL_SEND_FAILED);
            CasvpMetrics.code(context.getRealm(), CasvpMetrics.CodePurpose.FORGOT_PASSWORD,
                    CasvpMetrics.CodeOutcome.HOURLY_LIMIT);
            return;
        }
        authSession.setAuthNote(PENDING_VIA_NOTE, recovery.isPresent() ? "recovery_address" : "account_address");
        RecoveryNotices.code(context.getSession(), context.getRealm(), user, recovery.isPresent() ? address : null,
                RecoveryNotices.PURPOSE_RESET, code, config.lifetime());
        CasvpMetrics.code(context.getRealm(), CasvpMetrics.CodePurpose.FORGOT_PASSWORD, CasvpMetrics.CodeOutcome.ISSUED);
        context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD).user(user)
                .detail(CASVP_EVENT, recovery.isPresent() ? "recovery_code_to_recovery_address"
                        : "recovery_code_to_account_address").success();
    }

    /** Codes asked for this agent (or identifier) in the last hour, counted across the cluster. */
    private static boolean underHourlyLimit(KeycloakSession session, RealmModel realm, String who,
                                            RecoveryCodeConfig config) {
        return underHourlyLimit(session.singleUseObjects(), "casvp-recovery-codes:" + realm.getId() + ":" + who,
                config.codesPerHour(), Time.currentTimeMillis());
    }

    /** Counts one more code in the hour that began with the first one; false once the hour's limit is reached. */
    static boolean underHourlyLimit(SingleUseObjectProvider store, String key, int codesPerHour, long now) {
        return ExpiringEntries.countWithinHour(store, key, codesPerHour, now);
    }

    /**
     * The helpdesk checked who the agent is: their lost second factors are removed and a new
     * one must be set up before they get in, after the new password.
     */
    private static void helpdeskCodeAccepted(AuthenticationFlowContext context, UserModel user) {
        int removed = SecondFactors.remove(user, SecondFactors.ALL);
        user.addRequiredAction(UserModel.RequiredAction.CONFIGURE_TOTP);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        OneTimeCode.forget(authSession, CODE_NOTE);
        authSession.removeAuthNote(PENDING_VIA_NOTE);
        authSession.setAuthNote(VIA_NOTE, "helpdesk");
        endWithoutSession(authSession);
        context.getEvent().detail(CASVP_EVENT, "helpdesk_code_accepted")
                .detail("casvp_second_factors_removed", Integer.toString(removed));
        context.success();
    }

    /**
     * A recovery ends on "your account is updated", not signed in: the agent then signs in
     * afresh with the new password, through the VPN gate and device recognition (a new
     * device is told about), so that forgot password is no way around them.
     */
    private static void endWithoutSession(AuthenticationSessionModel authSession) {
        authSession.setAuthNote(AuthenticationManager.END_AFTER_REQUIRED_ACTIONS, "true");
    }

    private static void refuse(AuthenticationFlowContext context, RecoveryCodeConfig config, String error, String message) {
        var event = context.getEvent().clone().event(EventType.RESET_PASSWORD_ERROR);
        if (context.getUser() != null) {
            event.user(context.getUser());
        }
        event.error(error);
        context.challenge(page(context, config, message, Response.Status.BAD_REQUEST));
    }

    private static Response page(AuthenticationFlowContext context, RecoveryCodeConfig config, String message,
                                 Response.Status status) {
        var form = context.form().setAttribute("casvpMinutes", config.lifetime().toMinutes() < 1
                ? 1 : config.lifetime().toMinutes());
        if (message != null) {
            if (message.equals("casvp.recoveryCode.sentAgain")) {
                form.setInfo(message);
            } else {
                form.setError(message);
            }
        }
        return form.setStatus(status).createForm(TEMPLATE);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
