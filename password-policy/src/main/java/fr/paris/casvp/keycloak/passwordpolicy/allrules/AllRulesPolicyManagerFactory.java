package fr.paris.casvp.keycloak.passwordpolicy.allrules;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PasswordPolicyManagerProviderFactory;

/**
 * {@code casvp-all-rules}: the password policy manager that lists every refused rule at once.
 * Chosen over Keycloak's {@code default} by its order; {@code --spi-password-policy-manager--provider=default}
 * brings Keycloak's first-refusal-only answer back.
 */
public final class AllRulesPolicyManagerFactory implements PasswordPolicyManagerProviderFactory {

    public static final String ID = "casvp-all-rules";

    @Override
    public PasswordPolicyManagerProvider create(KeycloakSession session) {
        return new AllRulesPolicyManager(session);
    }

    @Override
    public void init(Config.Scope config) {
        // no server-wide settings
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to prepare
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String getId() {
        return ID;
    }

    /** Above Keycloak's {@code default} (order 0), so the server picks this one unless told otherwise. */
    @Override
    public int order() {
        return 10;
    }
}
