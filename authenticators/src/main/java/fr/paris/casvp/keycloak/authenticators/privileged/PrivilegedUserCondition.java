package fr.paris.casvp.keycloak.authenticators.privileged;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Map;

/** True when the user holds a privileged role ({@link PrivilegedRoles}); with "negate", when they hold none. */
final class PrivilegedUserCondition implements ConditionalAuthenticator {

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
    public void action(AuthenticationFlowContext context) {
        // a condition has no form
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to set up
    }

    @Override
    public void close() {
        // stateless singleton
    }
}
