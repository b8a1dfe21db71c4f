package fr.paris.casvp.keycloak.passwordpolicy.breached;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.policy.LengthPasswordPolicyProviderFactory;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

import java.lang.reflect.Proxy;

/**
 * A realm whose password policy string goes through Keycloak's own {@link PasswordPolicy}
 * parser (which calls our {@code parseConfig}), as when an admin saves it; the session and
 * realm are minimal stand-ins answering only what a password policy asks for.
 */
final class RealmWithPolicy {

    /** Keycloak's own length policy, to check that ours composes with built-in ones. */
    private static final LengthPasswordPolicyProviderFactory LENGTH = new LengthPasswordPolicyProviderFactory();

    private final PasswordPolicyProvider provider;
    private final RealmModel realm;

    private RealmWithPolicy(PasswordPolicyProvider provider, RealmModel realm) {
        this.provider = provider;
        this.realm = realm;
    }

    static RealmWithPolicy of(BreachedPasswordPolicyProviderFactory factory, String policy) {
        PasswordPolicy[] parsed = new PasswordPolicy[1];
        RealmModel realm = stub(RealmModel.class, (method, args) -> {
            if (method.equals("getPasswordPolicy")) {
                return parsed[0];
            }
            if (method.equals("getName")) {
                return "casvp-test";
            }
            return unsupported(method);
        });
        KeycloakContext context = stub(KeycloakContext.class,
                (method, args) -> method.equals("getRealm") ? realm : unsupported(method));
        KeycloakSession[] session = new KeycloakSession[1];
        session[0] = stub(KeycloakSession.class, (method, args) -> {
            if (method.equals("getContext")) {
                return context;
            }
            if (method.equals("getProvider") && args.length == 2 && args[0] == PasswordPolicyProvider.class) {
                if (BreachedPasswordPolicyProviderFactory.ID.equals(args[1])) {
                    return factory.create(session[0]);
                }
                if (LENGTH.getId().equals(args[1])) {
                    return LENGTH.create(session[0]);
                }
                return null; // Keycloak then says "Password policy not found"
            }
            return unsupported(method);
        });
        parsed[0] = PasswordPolicy.parse(session[0], policy);
        return new RealmWithPolicy(factory.create(session[0]), realm);
    }

    /** The policy's verdict on a new password, as on the update-password page. */
    PolicyError check(String password) {
        return provider.validate("camille.martin", password);
    }

    /** The same through the (realm, user, password) entry point. */
    PolicyError checkForUser(String password) {
        return provider.validate(realm, null, password);
    }

    BreachedPolicyConfig config() {
        return realm.getPasswordPolicy().getPolicyConfig(BreachedPasswordPolicyProviderFactory.ID);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static Object unsupported(String method) {
        throw new UnsupportedOperationException("not needed by a password policy: " + method);
    }

    private static <T> T stub(Class<T> type, Answer answer) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
            if (method.getName().equals("toString")) {
                return type.getSimpleName() + " stub";
            }
            if (method.getName().equals("hashCode")) {
                return System.identityHashCode(self);
            }
            if (method.getName().equals("equals")) {
                return self == args[0];
            }
            return answer.answer(method.getName(), args == null ? new Object[0] : args);
        });
        return type.cast(proxy);
    }
}
