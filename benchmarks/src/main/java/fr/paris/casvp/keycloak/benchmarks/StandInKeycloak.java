package fr.paris.casvp.keycloak.benchmarks;

import org.keycloak.Config;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.DefaultPasswordPolicyManagerProvider;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of a Keycloak server for password policies to run as they do on the
 * update-password page, {@code validate(realm, user, password)} for one agent
 * ({@link #AGENT}): a realm whose policy string goes through Keycloak's own
 * {@link PasswordPolicy#parse} (which calls each policy's {@code parseConfig}, as when an
 * admin saves it) and a session that hands out one provider per policy id, created by the
 * real factories and kept for the session's life as Keycloak's session does. The chain
 * is Keycloak's own {@link DefaultPasswordPolicyManagerProvider}.
 *
 * <p>Realm, user, context and session are {@link Proxy} stand-ins answering only what a
 * password policy asks; a proxy call costs tens of nanoseconds, which the numbers include:
 * they slightly overstate the policies' cost.
 */
final class StandInKeycloak {

    static final String USERNAME = "camille.martin";

    /** The agent changing her password, as casvp-personal reads her (a demo account of the realm). */
    static final UserModel AGENT = stub(UserModel.class, (method, args) -> switch (method) {
        case "getUsername" -> USERNAME;
        case "getEmail" -> "camille.martin@casvp.paris.fr";
        case "getFirstName" -> "Camille";
        case "getLastName" -> "Martin";
        case "getFirstAttribute" -> "birthdate".equals(args[0]) ? "1984-05-12" : null;
        default -> unsupported(method);
    });

    private final Map<String, PasswordPolicyProviderFactory> factories = new HashMap<>();
    private final Map<String, PasswordPolicyProvider> providers = new HashMap<>();
    private final RealmModel realm;
    private final KeycloakSession session;
    private volatile PasswordPolicy policy;

    /** Factories already initialised by the caller (the caller closes them). */
    StandInKeycloak(List<? extends PasswordPolicyProviderFactory> policyFactories) {
        for (PasswordPolicyProviderFactory factory : policyFactories) {
            factories.put(factory.getId(), factory);
        }
        realm = stub(RealmModel.class, (method, args) -> switch (method) {
            case "getPasswordPolicy" -> policy;
            case "getName" -> "casvp";
            default -> unsupported(method);
        });
        KeycloakContext context = stub(KeycloakContext.class,
                (method, args) -> method.equals("getRealm") ? realm : unsupported(method));
        KeycloakSession[] self = new KeycloakSession[1];
        self[0] = stub(KeycloakSession.class, (method, args) -> {
            if (method.equals("getContext")) {
                return context;
            }
            if (method.equals("getProvider") && args.length == 2 && args[0] == PasswordPolicyProvider.class) {
                return provider((String) args[1], self[0]);
            }
            return unsupported(method);
        });
        session = self[0];
        policy = PasswordPolicy.empty();
    }

    /** Parses {@code policyString} as Keycloak does when an admin saves it, and makes it the realm's. */
    StandInKeycloak policy(String policyString) {
        policy = PasswordPolicy.parse(session, policyString);
        return this;
    }

    /** The realm whose policy this is. */
    RealmModel realm() {
        return realm;
    }

    /** The provider of one policy id, as {@code session.getProvider(PasswordPolicyProvider.class, id)}. */
    PasswordPolicyProvider provider(String id) {
        return provider(id, session);
    }

    /** What Keycloak calls on a new password: every policy of the realm, first refusal wins. */
    PasswordPolicyManagerProvider chain() {
        return new DefaultPasswordPolicyManagerProvider(session);
    }

    private PasswordPolicyProvider provider(String id, KeycloakSession owner) {
        synchronized (providers) {
            PasswordPolicyProvider provider = providers.get(id);
            if (provider == null) {
                PasswordPolicyProviderFactory factory = factories.get(id);
                if (factory == null) {
                    return null; // Keycloak then says "Password policy not found"
                }
                provider = factory.create(owner);
                providers.put(id, provider);
            }
            return provider;
        }
    }

    /** A server configuration scope holding {@code values} (the {@code spi-password-policy-…} options). */
    static Config.Scope configScope(Map<String, String> values) {
        return stub(Config.Scope.class, (method, args) -> switch (method) {
            case "get" -> values.getOrDefault((String) args[0], args.length > 1 ? (String) args[1] : null);
            case "getInt", "getLong", "getBoolean", "getArray" -> args.length > 1 ? args[1] : null;
            case "scope" -> configScope(Map.of());
            case "getPropertyNames" -> values.keySet();
            default -> unsupported(method);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static Object unsupported(String method) {
        throw new UnsupportedOperationException("not needed by a password policy: " + method);
    }

    private static <T> T stub(Class<T> type, Answer answer) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) ->
                switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + " stand-in";
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> answer.answer(method.getName(), args == null ? new Object[0] : args);
                });
        return type.cast(proxy);
    }
}
