package fr.paris.casvp.keycloak.authenticators.network;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** True when the client address is outside the realm's trusted networks (or inside, with "negate"). */
final class OutsideTrustedNetworkCondition implements ConditionalAuthenticator {

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
    public void action(AuthenticationFlowContext context) {
        // a condition has no form
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to set up
    }

    @Override
    public void close() {
        // stateless singleton
    }
}
