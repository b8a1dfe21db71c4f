package fr.paris.casvp.keycloak.authenticators.password;

import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/**
 * Keycloak's username and password form, plus one thing: once the password is
 * verified, it is checked again against the realm policies that can change their
 * verdict over time (a password that appeared in a breach, or a newly listed word).
 * When one refuses it, the agent must set a new password before going on, instead
 * of keeping it until the next voluntary change.
 */
final class PasswordRecheckForm extends UsernamePasswordForm {

    private static final Logger LOG = Logger.getLogger(PasswordRecheckForm.class);
    static final String EVENT_DETAIL = "casvp_password_refused_by";
    /** Name of the password field of Keycloak's login form. */
    private static final String PASSWORD_FIELD = "password";

    PasswordRecheckForm(KeycloakSession session) {
        super(session);
    }

    @Override
    protected boolean validateForm(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        if (!super.validateForm(context, formData)) {
            return false;
        }
        UserModel user = context.getUser();
        String password = formData.getFirst(PASSWORD_FIELD);
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
