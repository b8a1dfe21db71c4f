package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.provider.ConditionFactory;

/**
 * {@code casvp-condition-outside-network}: a condition for conditional sub-flows,
 * e.g. "second factor when outside the VPN". With "negate", it matches inside instead.
 */
public final class OutsideTrustedNetworkConditionFactory extends ConditionFactory {

    public static final String ID = "casvp-condition-outside-network";

    public OutsideTrustedNetworkConditionFactory() {
        super(ID, new OutsideTrustedNetworkCondition(), "CASVP: condition - outside trusted networks",
                "Matches when the client address is outside the realm's trusted networks (the VPN), set under "
                        + "Authentication > Required actions > CASVP trusted networks.");
    }
}
