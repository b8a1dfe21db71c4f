package fr.paris.casvp.keycloak.authenticators.device;

import fr.paris.casvp.keycloak.authenticators.provider.ConditionFactory;

/**
 * {@code casvp-condition-new-device}: a condition for conditional sub-flows, e.g. "a
 * second factor on a new device or an unusual network".
 */
public final class NewDeviceConditionFactory extends ConditionFactory {

    public static final String ID = "casvp-condition-new-device";

    public NewDeviceConditionFactory() {
        super(ID, new NewDeviceCondition(), "CASVP: condition - new device or unusual network",
                "Matches a sign-in from a browser or a network this agent has not used recently.");
    }
}
