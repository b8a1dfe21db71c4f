package fr.paris.casvp.keycloak.authenticators.settings;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.function.Supplier;

/**
 * Realm settings read once per request and kept on Keycloak's session: every step, listener
 * and endpoint of one request sees the same values, and a change applies to the next request
 * on every node (the settings themselves come from Keycloak's realm cache).
 */
public final class OncePerRequest {

    private OncePerRequest() {
    }

    public static <T> T get(KeycloakSession session, RealmModel realm, String name, Class<T> type, Supplier<T> read) {
        return get(session, realm.getId(), name, type, read);
    }

    public static <T> T get(KeycloakSession session, String realmId, String name, Class<T> type, Supplier<T> read) {
        String key = "casvp." + name + "." + realmId;
        T known = session.getAttribute(key, type);
        if (known == null) {
            known = read.get();
            session.setAttribute(key, known);
        }
        return known;
    }
}
