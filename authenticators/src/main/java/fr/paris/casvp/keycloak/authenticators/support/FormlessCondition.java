package fr.paris.casvp.keycloak.authenticators.support;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A condition of the bundle: a stateless singleton with no form and nothing for the user to set up. */
public interface FormlessCondition extends ConditionalAuthenticator {

    @Override
    default void action(AuthenticationFlowContext context) {
        // a condition has no form
    }

    @Override
    default void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to set up
    }

    @Override
    default void close() {
        // stateless singleton
    }
}
