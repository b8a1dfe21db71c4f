package fr.paris.casvp.keycloak.authenticators.privileged;

import fr.paris.casvp.keycloak.authenticators.support.ConditionFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * {@code casvp-condition-privileged}: a condition for conditional sub-flows, e.g. "a second
 * factor at every sign-in for anyone who can act on other accounts". Unlike Keycloak's
 * "user role" condition it needs no list kept up to date: every role of
 * {@code realm-management} counts, whichever an admin hands out next.
 */
public final class PrivilegedUserConditionFactory implements ConditionFactory {

    public static final String ID = "casvp-condition-privileged";

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(PrivilegedUserCondition.REALM_ROLES)
            .label("Privileged realm roles")
            .helpText("Realm roles that count as privileged besides every role of the realm-management client, "
                    + "separated by commas (default: " + PrivilegedRoles.DEFAULT_REALM_ROLES + ").")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(PrivilegedRoles.DEFAULT_REALM_ROLES)
            .add()
            .property()
            .name(PrivilegedUserCondition.NEGATE)
            .label("Negate output")
            .helpText("Match users who hold no privileged role instead.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .add()
            .build();

    @Override
    public ConditionalAuthenticator getSingleton() {
        return PrivilegedUserCondition.SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "CASVP: condition - privileged user";
    }

    @Override
    public String getHelpText() {
        return "Matches users who hold any role of the realm-management client (directly, through a group or a "
                + "composite) or one of the named realm roles, such as the helpdesk's.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }
}
