package fr.paris.casvp.keycloak.authenticators.otp;

import fr.paris.casvp.keycloak.authenticators.account.AgentSettings;
import fr.paris.casvp.keycloak.authenticators.account.SecondaryAddress;
import fr.paris.casvp.keycloak.authenticators.device.DeviceDescription;
import fr.paris.casvp.keycloak.authenticators.mail.MailAfterCommit;
import fr.paris.casvp.keycloak.authenticators.metrics.CasvpMetrics;
import fr.paris.casvp.keycloak.authenticators.provider.SimpleStep;
import fr.paris.casvp.keycloak.authenticators.support.EventDetails;
import fr.paris.casvp.keycloak.authenticators.support.ExpiringEntries;
import fr.paris.casvp.keycloak.authenticators.support.OneTimeCode;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A one-time code mailed to the agent's secondary (recovery) address — never to the
 * webmail this sign-in protects. The session keeps only a salted hash; a code lives a few
 * minutes and allows a few tries whatever the realm's brute-force settings; wrong codes
 * are counted by Keycloak under the "otp" category, in this browser's lock, which is
 * checked before every try; a new code may be asked every 30 s, also after a code died;
 * at most a few codes an hour per agent, across resends and sign-ins, so that a guesser
 * cannot renew their tries. The mail says which browser and network asked for it. Codes
 * are never logged.
 */
final class EmailCodeForm implements SimpleStep {

    static final String TEMPLATE = "casvp-email-code.ftl";
    static final String MAIL_TEMPLATE = "casvp-email-code.ftl";
    static final String KIND = "email_code";
    private static final String CODE_FIELD = "code";
    private static final String RESEND_FIELD = "resend";
    private static final String NOTE = "casvp.emailCode";
    /** When the last code was mailed in this sign-in: kept after the code dies, for the resend wait. */
    private static final String SENT_AT_NOTE = "casvp.emailCodeSentAt";
    static final String CASVP_EVENT = EventDetails.CASVP_EVENT;
    static final String HOURLY_LIMIT = "casvp.emailCode.hourlyLimit";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        EmailCodeConfig config = EmailCodeConfig.of(context.getAuthenticatorConfig());
        Optional<String> address = recoveryAddress(context);
        if (address.isEmpty()) {
            context.attempted();
            return;
        }
        boolean sent = send(context, config, address.get());
        context.challenge(form(context, address.get(), sent ? null : HOURLY_LIMIT, Response.Status.OK));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        EmailCodeConfig config = EmailCodeConfig.of(context.getAuthenticatorConfig());
        String address = recoveryAddress(context).orElse(null);
        if (address == null) {
            context.attempted();
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        long now = Time.currentTimeMillis();
        if (form.containsKey(RESEND_FIELD)) {
            if (sentWithin(context, now, config)) {
                context.challenge(form(context, address, "casvp.emailCode.resendTooSoon", Response.Status.OK));
                return;
            }
            boolean sent = send(context, config, address);
            context.challenge(form(context, address, sent ? null : HOURLY_LIMIT, Response.Status.OK));
            return;
        }
        if (AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser()) != null) {
            // this browser is locked (too many wrong codes or passwords): no code is even looked at
            context.getEvent().user(context.getUser()).error(Errors.USER_TEMPORARILY_DISABLED);
            context.challenge(form(context, address, "casvp.emailCode.tooManyTries", Response.Status.BAD_REQUEST));
            return;
        }
        OneTimeCode.Outcome outcome = OneTimeCode.check(context.getAuthenticationSession(), NOTE,
                form.getFirst(CODE_FIELD), now, config.maxTries());
        CasvpMetrics.codeChecked(context.getRealm(), CasvpMetrics.CodePurpose.SIGN_IN, outcome);
        switch (outcome) {
            case NONE -> context.challenge(form(context, address, "casvp.emailCode.askNew", Response.Status.OK));
            case MATCHED -> context.success();
            case EXPIRED, USED_UP -> {
                context.getEvent().user(context.getUser()).error(Errors.EXPIRED_CODE);
                context.challenge(form(context, address, outcome == OneTimeCode.Outcome.EXPIRED
                        ? "casvp.emailCode.expired" : "casvp.emailCode.tooManyTries", Response.Status.BAD_REQUEST));
            }
            case WRONG, WRONG_LAST -> {
                context.getEvent().user(context.getUser()).error(Errors.INVALID_USER_CREDENTIALS);
                // counted by Keycloak too, under the "otp" category
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form(context, address,
                        outcome == OneTimeCode.Outcome.WRONG ? "casvp.emailCode.wrong" : "casvp.emailCode.tooManyTries",
                        Response.Status.UNAUTHORIZED));
            }
        }
    }

    /** Mails a new code, unless the agent's hourly limit is reached (then nothing is sent: false). */
    private static boolean send(AuthenticationFlowContext context, EmailCodeConfig config, String address) {
        long now = Time.currentTimeMillis();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        context.getAuthenticationSession().setAuthNote(SENT_AT_NOTE, Long.toString(now));
        if (!ExpiringEntries.countWithinHour(context.getSession().singleUseObjects(),
                "casvp-email-codes:" + realm.getId() + ":" + user.getId(), config.codesPerHour(), now)) {
            OneTimeCode.forget(context.getAuthenticationSession(), NOTE);
            context.getEvent().clone().user(user).detail(CASVP_EVENT, "email_codes_hourly_limit")
                    .error(Errors.EMAIL_SEND_FAILED);
            CasvpMetrics.code(realm, CasvpMetrics.CodePurpose.SIGN_IN, CasvpMetrics.CodeOutcome.HOURLY_LIMIT);
            return false;
        }
        String code = OneTimeCode.newCode(config.length());
        OneTimeCode.of(code, now, config.lifetime().toMillis()).save(context.getAuthenticationSession(), NOTE);
        DeviceDescription device = DeviceDescription.of(context.getSession(), context.getConnection().getRemoteAddr());
        Map<String, Object> attributes = Map.of(
                "casvpCode", code,
                "casvpMinutes", Math.max(1, config.lifetime().toMinutes()),
                "casvpBrowser", device.browser(),
                "casvpOs", device.os(),
                "casvpNetwork", device.networkPrefix() == null ? DeviceDescription.UNKNOWN : device.networkPrefix());
        MailAfterCommit.sendAfterCommit(context.getSession(), List.of(new MailAfterCommit.Mail(KIND, realm.getId(),
                user.getId(), address, "casvp.email.code.subject", List.of(), MAIL_TEMPLATE, attributes)));
        CasvpMetrics.code(realm, CasvpMetrics.CodePurpose.SIGN_IN, CasvpMetrics.CodeOutcome.ISSUED);
        return true;
    }

    /** Whether a code was mailed (or refused by the hourly limit) in this sign-in less than the resend wait ago. */
    private static boolean sentWithin(AuthenticationFlowContext context, long now, EmailCodeConfig config) {
        String sentAt = context.getAuthenticationSession().getAuthNote(SENT_AT_NOTE);
        try {
            return sentAt != null && now - Long.parseLong(sentAt) < config.resendAfter().toMillis();
        } catch (NumberFormatException garbled) {
            return false;
        }
    }

    private static Response form(AuthenticationFlowContext context, String address, String error, Response.Status status) {
        var form = context.form().setAttribute("casvpMaskedAddress", SecondaryAddress.mask(address));
        if (error != null) {
            form.setError(error);
        }
        return form.setStatus(status).createForm(TEMPLATE);
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return AgentSettings.of(session, realm).recoveryAddress(user).isPresent();
    }

    private static Optional<String> recoveryAddress(AuthenticationFlowContext context) {
        return AgentSettings.of(context.getSession(), context.getRealm()).recoveryAddress(context.getUser());
    }
}
