package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.provider.NegatableCondition;
import fr.paris.casvp.keycloak.authenticators.settings.Settings;
import org.keycloak.authentication.AuthenticationFlowContext;

/** True when the client address is outside the realm's trusted networks (or inside, with "negate"). */
final class OutsideTrustedNetworkCondition extends NegatableCondition {

    OutsideTrustedNetworkCondition() {
        super(OutsideTrustedNetworkConditionFactory.ID, "Match when the client is inside the trusted networks instead.");
    }

    @Override
    protected boolean matches(AuthenticationFlowContext context, Settings.Values saved) {
        return !RealmTrustedNetworks.of(context.getSession(), context.getRealm())
                .contains(context.getConnection().getRemoteAddr());
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
