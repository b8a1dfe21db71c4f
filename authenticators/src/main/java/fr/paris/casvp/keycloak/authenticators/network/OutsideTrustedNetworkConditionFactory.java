package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.support.ConditionFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * {@code casvp-condition-outside-network}: a condition for conditional sub-flows,
 * e.g. "second factor when outside the VPN". With "negate", it matches inside instead.
 */
public final class OutsideTrustedNetworkConditionFactory implements ConditionFactory {

    public static final String ID = "casvp-condition-outside-network";

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(TrustedNetworkConfig.NEGATE)
            .label("Negate output")
            .helpText("Match when the client is inside the trusted networks instead.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .add()
            .build();

    @Override
    public ConditionalAuthenticator getSingleton() {
        return OutsideTrustedNetworkCondition.SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "CASVP: condition - outside trusted networks";
    }

    @Override
    public String getHelpText() {
        return "Matches when the client address is outside the realm's trusted networks (the VPN), set under "
                + "Authentication > Required actions > CASVP trusted networks.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }
}
