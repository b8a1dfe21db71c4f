package fr.paris.casvp.keycloak.authenticators.expiry;

import fr.paris.casvp.keycloak.authenticators.provider.SimpleStep;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Comparator;
import java.util.Optional;

/**
 * After the password: for accounts with the configured (admin) role, a password older
 * than the maximum age must be replaced before going on, and from "warn" days before,
 * a page says how many days are left, with "change now" and "later".
 */
final class PasswordExpiry implements SimpleStep {

    static final String TEMPLATE = "casvp-password-expiry.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        PasswordExpiryConfig config = PasswordExpiryConfig.of(context.getAuthenticatorConfig());
        RoleModel role = KeycloakModelUtils.getRoleFromString(context.getRealm(), config.role());
        Optional<Long> created = passwordCreated(user);
        if (user == null || role == null || !user.hasRole(role) || created.isEmpty()) {
            context.success();
            return;
        }
        PasswordAge age = PasswordAge.of(created.get(), Time.currentTimeMillis(), config.maxAge(), config.warnBefore());
        switch (age.verdict()) {
            case EXPIRED -> {
                context.getAuthenticationSession().addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
                context.getEvent().detail("casvp_password_expiry", "expired");
                context.success();
            }
            case WARN -> context.challenge(context.form()
                    .setAttribute("casvpDaysLeft", age.daysLeft())
                    .createForm(TEMPLATE));
            default -> context.success();
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("change")) {
            context.getAuthenticationSession().addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
            context.getEvent().detail("casvp_password_expiry", "changed_early");
        } else {
            context.getEvent().detail("casvp_password_expiry", "postponed");
        }
        context.success();
    }

    private static Optional<Long> passwordCreated(UserModel user) {
        if (user == null) {
            return Optional.empty();
        }
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(CredentialModel::getCreatedDate)
                .filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder());
    }
}
