package fr.paris.casvp.keycloak.authenticators.privileged;

import fr.paris.casvp.keycloak.authenticators.provider.ConditionFactory;

/**
 * {@code casvp-condition-privileged}: a condition for conditional sub-flows, e.g. "a second
 * factor at every sign-in for anyone who can act on other accounts". Unlike Keycloak's
 * "user role" condition it needs no list kept up to date: every role of
 * {@code realm-management} counts, whichever an admin hands out next.
 */
public final class PrivilegedUserConditionFactory extends ConditionFactory {

    public static final String ID = "casvp-condition-privileged";

    public PrivilegedUserConditionFactory() {
        super(ID, new PrivilegedUserCondition(), "CASVP: condition - privileged user",
                "Matches users who hold any role of the realm-management client (directly, through a group or a "
                        + "composite) or one of the named realm roles, such as the helpdesk's.");
    }
}
