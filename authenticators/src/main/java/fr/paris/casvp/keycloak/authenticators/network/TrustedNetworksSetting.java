package fr.paris.casvp.keycloak.authenticators.network;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;

/**
 * The {@code casvp-trusted-networks} "required action": it only holds the realm's trusted
 * networks in its settings, never triggers, and lets through anyone it is given to.
 */
final class TrustedNetworksSetting implements RequiredActionProvider {

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // never asked of a user
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.success();
    }

    @Override
    public void processAction(RequiredActionContext context) {
        context.success();
    }

    @Override
    public void close() {
        // stateless singleton
    }
}
