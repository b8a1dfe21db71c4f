package fr.paris.casvp.keycloak.authenticators.privileged;

import fr.paris.casvp.keycloak.authenticators.support.FormlessCondition;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.UserModel;

import java.util.Map;

/** True when the user holds a privileged role ({@link PrivilegedRoles}); with "negate", when they hold none. */
final class PrivilegedUserCondition implements FormlessCondition {

    static final PrivilegedUserCondition SINGLETON = new PrivilegedUserCondition();
    static final String REALM_ROLES = "realmRoles";
    static final String NEGATE = "negate";

    private PrivilegedUserCondition() {
    }

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        AuthenticatorConfigModel model = context.getAuthenticatorConfig();
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        boolean privileged = PrivilegedRoles.of(config.get(REALM_ROLES)).holds(context.getRealm(), context.getUser());
        return privileged != Boolean.parseBoolean(config.getOrDefault(NEGATE, "false"));
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
