package fr.paris.casvp.keycloak.authenticators.action;

import fr.paris.casvp.keycloak.authenticators.support.ConditionFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * {@code casvp-condition-sensitive-action}: a condition for a conditional sub-flow that asks
 * for the agent's own second factor before an application-initiated action that changes how
 * the account is recovered or protected (the recovery address, adding or removing an app or a
 * key), when this sign-in has not used one yet. With those actions asking for a fresh sign-in
 * ({@code max_auth_age} 0), they can only be done with the password and that factor.
 */
public final class SensitiveActionConditionFactory implements ConditionFactory {

    public static final String ID = "casvp-condition-sensitive-action";

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(SensitiveActionCondition.ACTIONS)
            .label("Sensitive actions")
            .helpText("Ids of the required actions that, started by an application (kc_action), need the agent's "
                    + "own second factor, separated by commas (default: " + SensitiveActions.DEFAULT + ").")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(SensitiveActions.DEFAULT)
            .add()
            .property()
            .name(SensitiveActionCondition.NEGATE)
            .label("Negate output")
            .helpText("Match every other sign-in instead.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .add()
            .build();

    @Override
    public ConditionalAuthenticator getSingleton() {
        return SensitiveActionCondition.SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "CASVP: condition - sensitive application action";
    }

    @Override
    public String getHelpText() {
        return "Matches a sign-in started for a sensitive application-initiated action (recovery address, adding "
                + "or removing a second factor) in which no second factor of the agent was used yet.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }
}
