package fr.paris.casvp.keycloak.authenticators.password;

import fr.paris.casvp.keycloak.authenticators.identifier.IdentifierHelp;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.services.messages.Messages;

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

    PasswordRecheckForm(KeycloakSession session) {
        super(session);
    }

    @Override
    protected boolean validateForm(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        IdentifierHelp help = new PasswordRecheckConfig(context.getAuthenticatorConfig()).identifierHelp();
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
     * reminder of the expected identifier format when what was typed does not have it.
     */
    @Override
    protected Response challenge(AuthenticationFlowContext context, String error, String field) {
        boolean hint = "true".equals(context.getAuthenticationSession().getAuthNote(HINT_NOTE));
        return super.challenge(context, hint && Messages.INVALID_USER.equals(error) ? IDENTIFIER_HINT : error, field);
    }

    private static String firstRefusingPolicy(AuthenticationFlowContext context, UserModel user, String password) {
        RealmModel realm = context.getRealm();
        for (String policyId : new PasswordRecheckConfig(context.getAuthenticatorConfig()).policies()) {
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
