package fr.paris.casvp.keycloak.authenticators.privileged;

import fr.paris.casvp.keycloak.authenticators.provider.NegatableCondition;
import fr.paris.casvp.keycloak.authenticators.settings.Setting;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.authentication.AuthenticationFlowContext;

/** True when the user holds a privileged role ({@link PrivilegedRoles}); with "negate", when they hold none. */
final class PrivilegedUserCondition extends NegatableCondition {

    static final Setting<PrivilegedRoles> REALM_ROLES = Setting.parsed("realmRoles", PrivilegedRoles.DEFAULT_REALM_ROLES,
            PrivilegedRoles::of, "Privileged realm roles", "Realm roles that count as privileged besides every role "
                    + "of the realm-management client, separated by commas (default: "
                    + PrivilegedRoles.DEFAULT_REALM_ROLES + ").");

    PrivilegedUserCondition() {
        super(PrivilegedUserConditionFactory.ID, "Match users who hold no privileged role instead.", REALM_ROLES);
    }

    @Override
    protected boolean matches(AuthenticationFlowContext context, Settings.Values saved) {
        return saved.get(REALM_ROLES).holds(context.getRealm(), context.getUser());
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
