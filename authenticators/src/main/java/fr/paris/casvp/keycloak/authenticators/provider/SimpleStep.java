package fr.paris.casvp.keycloak.authenticators.provider;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A step of the bundle: a stateless singleton that works for every user it is given (nothing
 * to set up first) and, unless it says otherwise, comes after the user is known.
 */
public interface SimpleStep extends Authenticator {

    @Override
    default boolean requiresUser() {
        return true;
    }

    @Override
    default boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    default void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing for the user to set up
    }

    @Override
    default void close() {
        // stateless singleton
    }
}
