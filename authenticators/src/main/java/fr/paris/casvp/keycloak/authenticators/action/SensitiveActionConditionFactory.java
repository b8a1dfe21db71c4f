package fr.paris.casvp.keycloak.authenticators.action;

import fr.paris.casvp.keycloak.authenticators.provider.ConditionFactory;

/**
 * {@code casvp-condition-sensitive-action}: a condition for a conditional sub-flow that asks
 * for the agent's own second factor before an application-initiated action that changes how
 * the account is recovered or protected (the recovery address, adding or removing an app or a
 * key), when this sign-in has not used one yet. With those actions asking for a fresh sign-in
 * ({@code max_auth_age} 0), they can only be done with the password and that factor.
 */
public final class SensitiveActionConditionFactory extends ConditionFactory {

    public static final String ID = "casvp-condition-sensitive-action";

    public SensitiveActionConditionFactory() {
        super(ID, new SensitiveActionCondition(), "CASVP: condition - sensitive application action",
                "Matches a sign-in started for a sensitive application-initiated action (recovery address, adding "
                        + "or removing a second factor) in which no second factor of the agent was used yet.");
    }
}
