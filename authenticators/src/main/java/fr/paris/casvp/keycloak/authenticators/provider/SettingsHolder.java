package fr.paris.casvp.keycloak.authenticators.provider;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;

/**
 * A "required action" that only holds realm settings: it never triggers, and lets through
 * anyone it is given to.
 */
final class SettingsHolder implements RequiredActionProvider {

    static final SettingsHolder INSTANCE = new SettingsHolder();

    private SettingsHolder() {
    }

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
