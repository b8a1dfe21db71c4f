package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.account.AgentSettings;
import fr.paris.casvp.keycloak.authenticators.account.SecondFactors;
import fr.paris.casvp.keycloak.authenticators.account.SecondaryAddress;
import fr.paris.casvp.keycloak.authenticators.device.SignInNovelty;
import fr.paris.casvp.keycloak.authenticators.metrics.CasvpMetrics;
import fr.paris.casvp.keycloak.authenticators.privileged.SecondFactorEvidence;
import fr.paris.casvp.keycloak.authenticators.support.EventDetails;
import fr.paris.casvp.keycloak.authenticators.support.OneTimeCode;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Locale;
import java.util.Optional;

/**
 * Asks an agent without a verified recovery address to give one and prove they read it
 * with a one-time code sent there. The agent may say "later" a few times (counted across
 * sign-ins), never when their role makes the address mandatory, nor from a new device when
 * they have no second factor at all. An address typed in the account console is not
 * trusted until it goes through here.
 */
final class RecoveryAddressAction implements RequiredActionProvider {

    static final String TEMPLATE = "casvp-recovery-address.ftl";
    static final String CASVP_EVENT = EventDetails.CASVP_EVENT;
    private static final String PENDING_NOTE = "casvp.recoveryAddress.pending";
    private static final String CODE_NOTE = "casvp.recoveryAddress.code";
    /** Keycloak evaluates triggers again after each action: a "later" holds for this sign-in. */
    private static final String POSTPONED_NOTE = "casvp.recoveryAddress.postponed";
    private static final String ADDRESS_FIELD = "recoveryEmail";
    private static final String CODE_FIELD = "code";
    /** Below any sign-in's age: Keycloak then asks for the sign-in again. */
    private static final int ALWAYS_SIGN_IN_AGAIN = -1;

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /**
     * Started by an application ({@code kc_action}), the change asks for a sign-in again,
     * always, even within the second of the last one (Keycloak asks again when the sign-in is
     * older than this; an admin may set {@code max_auth_age} instead): the flow then asks for
     * the agent's own second factor ({@code casvp-condition-sensitive-action}).
     */
    @Override
    public int getMaxAuthAge(KeycloakSession session) {
        RealmModel realm = session == null ? null : session.getContext().getRealm();
        RequiredActionConfigModel config = realm == null ? null
                : realm.getRequiredActionConfigByAlias(RecoveryAddressActionFactory.ID);
        if (config != null && config.containsConfigKey(Constants.MAX_AUTH_AGE_KEY)) {
            try {
                int configured = RequiredActionFactory.parseMaxAuthAge(config);
                if (configured >= 0) {
                    return configured;
                }
            } catch (NumberFormatException ignored) {
                // not a number: the safe default below
            }
        }
        return ALWAYS_SIGN_IN_AGAIN;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        RecoveryAddressConfig config = config(context);
        if (SecondaryAddress.of(context.getUser(), config.attribute()).isEmpty()
                && context.getAuthenticationSession().getAuthNote(POSTPONED_NOTE) == null) {
            context.getAuthenticationSession().addRequiredAction(RecoveryAddressActionFactory.ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        RecoveryAddressConfig config = config(context);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String pending = authSession.getAuthNote(PENDING_NOTE);
        if (pending != null && OneTimeCode.load(authSession, CODE_NOTE).isPresent()) {
            context.challenge(codePage(context, config, pending, null, Response.Status.OK));
        } else {
            context.challenge(addressPage(context, config, null, null, Response.Status.OK));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        RecoveryAddressConfig config = config(context);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (form.containsKey("later")) {
            postpone(context, config);
        } else if (form.containsKey("change")) {
            authSession.removeAuthNote(PENDING_NOTE);
            context.challenge(addressPage(context, config, null, null, Response.Status.OK));
        } else if (form.containsKey("send")) {
            send(context, config, form.getFirst(ADDRESS_FIELD));
        } else if (form.containsKey("resend")) {
            resend(context, config);
        } else {
            verify(context, config, form.getFirst(CODE_FIELD));
        }
    }

    private void postpone(RequiredActionContext context, RecoveryAddressConfig config) {
        int left = postponesLeft(context, config);
        if (left <= 0) {
            context.challenge(addressPage(context, config, null, "casvp.recoveryAddress.mandatory",
                    Response.Status.BAD_REQUEST));
            return;
        }
        UserModel user = context.getUser();
        user.setSingleAttribute(postponedAttribute(config), Integer.toString(postponed(user, config) + 1));
        context.getAuthenticationSession().setAuthNote(POSTPONED_NOTE, "true");
        context.getEvent().detail(CASVP_EVENT, "recovery_address_postponed");
        context.success();
    }

    private void send(RequiredActionContext context, RecoveryAddressConfig config, String typed) {
        if (changeWithoutHeldFactor(context)) {
            error(context, Errors.NOT_ALLOWED);
            context.challenge(addressPage(context, config, typed, "casvp.recoveryAddress.secondFactorFirst",
                    Response.Status.FORBIDDEN));
            return;
        }
        Optional<String> address = SecondaryAddress.parse(typed);
        if (address.isEmpty()) {
            context.challenge(addressPage(context, config, typed, "casvp.recoveryAddress.invalid",
                    Response.Status.BAD_REQUEST));
            return;
        }
        if (isWorkAddress(context.getUser(), address.get())) {
            context.challenge(addressPage(context, config, typed, "casvp.recoveryAddress.notWork",
                    Response.Status.BAD_REQUEST));
            return;
        }
        if (OneTimeCode.sentWithin(context.getAuthenticationSession(), CODE_NOTE, Time.currentTimeMillis(),
                config.resendAfter())) {
            // one mail per half-minute, whatever the address: the form cannot be used to flood a mailbox
            context.challenge(addressPage(context, config, typed, "casvp.recoveryAddress.resendTooSoon",
                    Response.Status.BAD_REQUEST));
            return;
        }
        context.getAuthenticationSession().setAuthNote(PENDING_NOTE, address.get());
        mailCode(context, config, address.get());
        context.challenge(codePage(context, config, address.get(), null, Response.Status.OK));
    }

    private void resend(RequiredActionContext context, RecoveryAddressConfig config) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String pending = authSession.getAuthNote(PENDING_NOTE);
        if (pending == null) {
            context.challenge(addressPage(context, config, null, null, Response.Status.OK));
            return;
        }
        if (OneTimeCode.sentWithin(authSession, CODE_NOTE, Time.currentTimeMillis(), config.resendAfter())) {
            context.challenge(codePage(context, config, pending, "casvp.recoveryAddress.resendTooSoon",
                    Response.Status.OK));
            return;
        }
        mailCode(context, config, pending);
        context.challenge(codePage(context, config, pending, null, Response.Status.OK));
    }

    private void verify(RequiredActionContext context, RecoveryAddressConfig config, String attempt) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String pending = authSession.getAuthNote(PENDING_NOTE);
        OneTimeCode.Outcome outcome = pending == null ? OneTimeCode.Outcome.NONE
                : OneTimeCode.check(authSession, CODE_NOTE, attempt, Time.currentTimeMillis(), config.maxTries());
        CasvpMetrics.codeChecked(context.getRealm(), CasvpMetrics.CodePurpose.RECOVERY_ADDRESS, outcome);
        if (outcome == OneTimeCode.Outcome.NONE) {
            context.challenge(addressPage(context, config, null, null, Response.Status.OK));
            return;
        }
        if (outcome != OneTimeCode.Outcome.MATCHED) {
            error(context, outcome == OneTimeCode.Outcome.EXPIRED ? Errors.EXPIRED_CODE : Errors.INVALID_CODE);
            String message = switch (outcome) {
                case EXPIRED -> "casvp.recoveryAddress.expired";
                case WRONG -> "casvp.recoveryAddress.wrong";
                default -> "casvp.recoveryAddress.tooManyTries";
            };
            context.challenge(codePage(context, config, pending, message, Response.Status.BAD_REQUEST));
            return;
        }
        UserModel user = context.getUser();
        String previous = SecondaryAddress.lastVerified(user, config.attribute()).orElse(null);
        SecondaryAddress.markVerified(user, config.attribute(), pending);
        NewDeviceAdditions.recoveryAddressConfirmed(context.getSession(), context.getRealm(), user, pending);
        user.removeAttribute(postponedAttribute(config));
        authSession.removeAuthNote(PENDING_NOTE);
        RecoveryNotices.addressChanged(context.getSession(), context.getRealm(), user, "verified", previous, pending);
        context.getEvent().detail(CASVP_EVENT, EventDetails.RECOVERY_ADDRESS_VERIFIED);
        context.success();
    }

    private void mailCode(RequiredActionContext context, RecoveryAddressConfig config, String address) {
        String code = OneTimeCode.newCode(config.codeLength());
        OneTimeCode.of(code, Time.currentTimeMillis(), config.codeLifetime().toMillis())
                .save(context.getAuthenticationSession(), CODE_NOTE);
        RecoveryNotices.code(context.getSession(), context.getRealm(), context.getUser(), address,
                RecoveryNotices.PURPOSE_ADDRESS, code, config.codeLifetime());
        CasvpMetrics.code(context.getRealm(), CasvpMetrics.CodePurpose.RECOVERY_ADDRESS, CasvpMetrics.CodeOutcome.ISSUED);
    }

    private static void error(RequiredActionContext context, String error) {
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR)
                .detail(Details.CUSTOM_REQUIRED_ACTION, RecoveryAddressActionFactory.ID)
                .user(context.getUser()).error(error);
    }

    /** The account's own address, or one at its domain, is the very mailbox recovery must not depend on. */
    static boolean isWorkAddress(UserModel user, String address) {
        String account = user.getEmail();
        if (account == null || account.indexOf('@') < 0) {
            return false;
        }
        String domain = account.substring(account.indexOf('@')).toLowerCase(Locale.ROOT);
        return SecondaryAddress.sameAddress(account, address) || address.toLowerCase(Locale.ROOT).endsWith(domain);
    }

    private int postponesLeft(RequiredActionContext context, RecoveryAddressConfig config) {
        if (isMandatory(context, config) || unprotectedOnANewDevice(context)) {
            return 0;
        }
        return Math.max(0, config.maxPostpones() - postponed(context.getUser(), config));
    }

    /**
     * A new browser or an unusual network, and no second factor to ask for: the flow let the
     * agent in on the password alone, so the recovery address — the mailed code — is set up
     * now, not later. This is how agents on the trusted network come to have a second factor.
     */
    private static boolean unprotectedOnANewDevice(RequiredActionContext context) {
        UserModel user = context.getUser();
        return !SecondFactors.hasAny(user, SecondFactors.APP_OR_KEY) && SignInNovelty.newDeviceOrNetwork(context.getAuthenticationSession(), user);
    }

    /**
     * Asked for by an application, by an agent who holds an app, a key or recovery codes, in
     * a sign-in that used none of them: the flow should have asked for one (a realm changed by
     * hand may not), so nothing is sent — whoever holds only the session cannot point recovery
     * at their own address.
     */
    private static boolean changeWithoutHeldFactor(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        return RecoveryAddressActionFactory.ID.equals(authSession.getClientNote(Constants.KC_ACTION))
                && SecondFactors.hasAny(context.getUser(), SecondFactors.ALL)
                && !SecondFactorEvidence.inAuthentication(context.getRealm(), authSession)
                && !SecondFactorEvidence.inSession(context.getRealm(), context.getSession().sessions()
                        .getUserSession(context.getRealm(), authSession.getParentSession().getId()));
    }

    private static boolean isMandatory(RequiredActionContext context, RecoveryAddressConfig config) {
        if (config.mandatoryRole().isEmpty()) {
            return false;
        }
        RoleModel role = KeycloakModelUtils.getRoleFromString(context.getRealm(), config.mandatoryRole());
        return role != null && context.getUser().hasRole(role);
    }

    private static int postponed(UserModel user, RecoveryAddressConfig config) {
        try {
            return Math.max(0, Integer.parseInt(user.getFirstAttribute(postponedAttribute(config))));
        } catch (NumberFormatException | NullPointerException none) {
            return 0;
        }
    }

    static String postponedAttribute(RecoveryAddressConfig config) {
        return config.attribute() + "Postponed";
    }

    private Response addressPage(RequiredActionContext context, RecoveryAddressConfig config, String typed,
                                 String error, Response.Status status) {
        String shown = typed != null ? typed
                : SecondaryAddress.typed(context.getUser(), config.attribute()).orElse("");
        var form = context.form()
                .setAttribute("casvpStep", "address")
                .setAttribute("casvpAddress", shown)
                .setAttribute("casvpPostponesLeft", postponesLeft(context, config));
        if (error != null) {
            form.setError(error);
        }
        return form.setStatus(status).createForm(TEMPLATE);
    }

    private Response codePage(RequiredActionContext context, RecoveryAddressConfig config, String address,
                              String error, Response.Status status) {
        var form = context.form()
                .setAttribute("casvpStep", "code")
                .setAttribute("casvpAddress", address)
                .setAttribute("casvpMinutes", config.codeLifetime().toMinutes())
                .setAttribute("casvpPostponesLeft", postponesLeft(context, config));
        if (error != null) {
            form.setError(error);
        }
        return form.setStatus(status).createForm(TEMPLATE);
    }

    @Override
    public void close() {
        // nothing held
    }

    private static RecoveryAddressConfig config(RequiredActionContext context) {
        return RecoveryAddressConfig.of(context.getConfig(), AgentSettings.of(context.getSession(), context.getRealm()));
    }
}
