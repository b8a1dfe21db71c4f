package fr.paris.casvp.keycloak.passwordpolicy.support;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/**
 * A bundle policy as Keycloak calls it. Both entry points (with the account, or with only a
 * name) come down to one {@link #check} under the realm's settings of the policy, the object
 * its {@code parseConfig} made when the policy was saved; a realm without them, or no realm (a
 * provider used outside a request), gets the policy's defaults. A provider lives for one
 * session and holds nothing to release: shared state belongs to the factory.
 *
 * @param <S> the policy's parsed settings
 */
public abstract class PolicyProvider<S> implements PasswordPolicyProvider {

    private final KeycloakContext context;
    private final String policyId;
    private final Class<S> settingsType;
    private final S defaults;

    /**
     * {@code context}: the session's, whose realm {@code validate(username, password)} reads
     * (null outside a request); {@code defaults}: the settings without the realm's, null when
     * the policy checks nothing without them.
     */
    protected PolicyProvider(KeycloakContext context, String policyId, Class<S> settingsType, S defaults) {
        this.context = context;
        this.policyId = policyId;
        this.settingsType = settingsType;
        this.defaults = defaults;
    }

    @Override
    public final PolicyError validate(RealmModel realm, UserModel user, String password) {
        return check(settings(realm), password, user, null);
    }

    @Override
    public final PolicyError validate(String username, String password) {
        return check(settings(context == null ? null : context.getRealm()), password, null, username);
    }

    /**
     * The verdict on {@code password}, starting with {@link CandidatePassword#check}. Either
     * {@code user} is the account Keycloak passed, or it is null and {@code username} is all
     * Keycloak has of the account.
     */
    protected abstract PolicyError check(S settings, String password, UserModel user, String username);

    @Override
    public final void close() {
        // per-session object: nothing held
    }

    private S settings(RealmModel realm) {
        PasswordPolicy policy = realm == null ? null : realm.getPasswordPolicy();
        Object settings = policy == null ? null : policy.getPolicyConfig(policyId);
        return settingsType.isInstance(settings) ? settingsType.cast(settings) : defaults;
    }
}
