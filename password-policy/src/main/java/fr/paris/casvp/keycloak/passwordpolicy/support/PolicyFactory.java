package fr.paris.casvp.keycloak.passwordpolicy.support;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.policy.PasswordPolicyProviderFactory;

/**
 * What Keycloak asks every bundle policy's factory, given once in the constructor: the id, the
 * label and kind of value the admin console shows, the value it proposes when the policy is
 * added; and one occurrence per realm (a policy's settings are the {@code key=value} pairs of
 * its one value). The lifecycle does nothing unless a policy builds state once per server in
 * {@link #init} and releases it in {@link #close} (rules, word lists, HTTP client), shared by
 * every realm and request, as Keycloak's {@code passwordBlacklist} does with its word lists.
 */
public abstract class PolicyFactory implements PasswordPolicyProviderFactory {

    private final String id;
    private final String displayName;
    private final String configType;
    private final String defaultConfigValue;

    /** {@code configType}: {@code PasswordPolicyProvider.STRING_CONFIG_TYPE} or {@code INT_CONFIG_TYPE}. */
    protected PolicyFactory(String id, String displayName, String configType, String defaultConfigValue) {
        this.id = id;
        this.displayName = displayName;
        this.configType = configType;
        this.defaultConfigValue = defaultConfigValue;
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getDisplayName() {
        return displayName;
    }

    @Override
    public final String getConfigType() {
        return configType;
    }

    @Override
    public final String getDefaultConfigValue() {
        return defaultConfigValue;
    }

    @Override
    public final boolean isMultiplSupported() {
        return false;
    }

    @Override
    public void init(Config.Scope config) {
        // no server-wide settings
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
        // nothing to wire: no policy depends on another provider
    }

    @Override
    public void close() {
        // nothing held
    }

    /** {@code state}, built by {@link #init}; a factory used before Keycloak initialised it says so. */
    protected final <T> T initialised(T state) {
        if (state == null) {
            throw new IllegalStateException(id + ": used before Keycloak initialised the factory");
        }
        return state;
    }
}
