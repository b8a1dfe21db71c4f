package fr.paris.casvp.keycloak.it.support;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one step of the casvp browser flow changed for a test, as an admin changes them
 * in the console; {@link #close()} puts back what was there before the first change.
 */
public final class StepChange implements AutoCloseable {

    private final RealmResource realm;
    private final AuthenticatorConfigRepresentation settings;
    private final Map<String, String> original;

    private StepChange(RealmResource realm, AuthenticatorConfigRepresentation settings) {
        this.realm = realm;
        this.settings = settings;
        this.original = new LinkedHashMap<>(settings.getConfig());
    }

    /** The step with this provider id (there must be exactly one in the flow), these settings changed. */
    public static StepChange of(RealmResource realm, String providerId, Map<String, String> values) {
        List<AuthenticatorConfigRepresentation> found = RealmSettings.stepSettings(realm, providerId);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " steps " + providerId + " in " + RealmSettings.BROWSER_FLOW);
        }
        return new StepChange(realm, found.get(0)).set(values);
    }

    /** More settings changed, on top of the earlier ones. */
    public StepChange set(Map<String, String> values) {
        Map<String, String> config = new LinkedHashMap<>(settings.getConfig());
        config.putAll(values);
        update(config);
        return this;
    }

    @Override
    public void close() {
        update(original);
    }

    private void update(Map<String, String> config) {
        settings.setConfig(new LinkedHashMap<>(config));
        realm.flows().updateAuthenticatorConfig(settings.getId(), settings);
    }
}
