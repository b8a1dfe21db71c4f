package fr.paris.casvp.keycloak.authenticators.network;

import fr.paris.casvp.keycloak.authenticators.support.FormlessCondition;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/** True when the client address is outside the realm's trusted networks (or inside, with "negate"). */
final class OutsideTrustedNetworkCondition implements FormlessCondition {

    static final OutsideTrustedNetworkCondition SINGLETON = new OutsideTrustedNetworkCondition();

    private OutsideTrustedNetworkCondition() {
    }

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        TrustedNetworkConfig config = new TrustedNetworkConfig(context.getAuthenticatorConfig());
        boolean outside = !RealmTrustedNetworks.of(context.getSession(), context.getRealm())
                .contains(context.getConnection().getRemoteAddr());
        return outside != config.negate();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
