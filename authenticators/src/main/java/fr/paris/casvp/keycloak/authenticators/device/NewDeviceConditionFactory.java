package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.support.ConditionFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * {@code casvp-condition-new-device}: a condition for conditional sub-flows, e.g. "a
 * second factor on a new device or an unusual network".
 */
public final class NewDeviceConditionFactory implements ConditionFactory {

    public static final String ID = "casvp-condition-new-device";

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(NewDeviceCondition.ON_NEW_DEVICE)
            .label("Match a new device")
            .helpText("Match when the browser has not been used by this agent before.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("true")
            .add()
            .property()
            .name(NewDeviceCondition.ON_UNUSUAL_NETWORK)
            .label("Match an unusual network")
            .helpText("Match when the network is neither recent for this agent nor trusted "
                    + "(trusted networks and 'recent' are set on the device recognition step).")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("true")
            .add()
            .property()
            .name(NewDeviceCondition.ON_FIRST_DEVICE)
            .label("Match the very first device")
            .helpText("Match an agent's first sign-in ever, when no device is known yet.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .add()
            .property()
            .name(NewDeviceCondition.NEGATE)
            .label("Negate output")
            .helpText("Match a known device on a usual network instead.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .add()
            .build();

    @Override
    public ConditionalAuthenticator getSingleton() {
        return NewDeviceCondition.SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "CASVP: condition - new device or unusual network";
    }

    @Override
    public String getHelpText() {
        return "Matches a sign-in from a browser or a network this agent has not used recently.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }
}
