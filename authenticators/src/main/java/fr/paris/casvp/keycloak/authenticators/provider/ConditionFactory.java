package fr.paris.casvp.keycloak.authenticators.provider;

import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;

/**
 * The factory of a condition of the bundle: a step ({@link StepFactory}: configurable, either
 * required or off in a conditional sub-flow, never something a user sets up) whose settings
 * are the condition's own with "negate".
 */
public abstract class ConditionFactory extends StepFactory implements ConditionalAuthenticatorFactory {

    private final NegatableCondition condition;

    protected ConditionFactory(String id, NegatableCondition condition, String displayType, String helpText) {
        super(id, condition, displayType, helpText, condition.settings());
        this.condition = condition;
    }

    @Override
    public final ConditionalAuthenticator getSingleton() {
        return condition;
    }
}
