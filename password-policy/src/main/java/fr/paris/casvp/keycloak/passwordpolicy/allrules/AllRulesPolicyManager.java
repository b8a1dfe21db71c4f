package fr.paris.casvp.keycloak.passwordpolicy.allrules;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.theme.Theme;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * Keycloak's password policy manager stops at the first policy that refuses a password, and
 * checks a realm's policies in no fixed order: an agent could need several tries to learn
 * everything wrong with one password. This one asks every policy of the realm and, when more
 * than one refuses, answers once with all the reasons, in the agent's language. One refusal
 * is answered exactly as Keycloak does (same message key and parameters); the server stays
 * the only judge, on every door (update password, forgot password, account console, admin API).
 */
final class AllRulesPolicyManager implements PasswordPolicyManagerProvider {

    static final String SEVERAL = "casvp.passwordPolicy.several";
    private static final Logger LOG = Logger.getLogger(AllRulesPolicyManager.class);

    private final KeycloakSession session;

    AllRulesPolicyManager(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public PolicyError validate(RealmModel realm, UserModel user, String password) {
        return combined(realm, user, refusals(realm, policy -> policy.validate(realm, user, password)));
    }

    @Override
    public PolicyError validate(String user, String password) {
        RealmModel realm = session.getContext().getRealm();
        return combined(realm, null, refusals(realm, policy -> policy.validate(user, password)));
    }

    private List<PolicyError> refusals(RealmModel realm, Function<PasswordPolicyProvider, PolicyError> check) {
        List<PolicyError> refusals = new ArrayList<>();
        PasswordPolicy policy = realm == null ? null : realm.getPasswordPolicy();
        if (policy == null) {
            return refusals;
        }
        for (String id : policy.getPolicies()) {
            PasswordPolicyProvider provider = session.getProvider(PasswordPolicyProvider.class, id);
            PolicyError refusal = provider == null ? null : check.apply(provider);
            if (refusal != null && refusals.stream().noneMatch(known -> same(known, refusal))) {
                refusals.add(refusal);
            }
        }
        return refusals;
    }

    /** Input no policy can use (a control character, far too long) is refused by each in the same words: said once. */
    private static boolean same(PolicyError one, PolicyError other) {
        return one.getMessage().equals(other.getMessage()) && Arrays.equals(one.getParameters(), other.getParameters());
    }

    /** None: null; one: itself; several: one refusal listing each reason in the agent's language. */
    private PolicyError combined(RealmModel realm, UserModel user, List<PolicyError> refusals) {
        if (refusals.size() <= 1) {
            return refusals.isEmpty() ? null : refusals.get(0);
        }
        Locale locale = session.getContext().resolveLocale(user);
        Properties messages = messages(realm, locale);
        StringBuilder reasons = new StringBuilder();
        for (int i = 0; i < refusals.size(); i++) {
            PolicyError refusal = refusals.get(i);
            String pattern = messages.getProperty(refusal.getMessage(), refusal.getMessage());
            reasons.append(i == 0 ? "" : " ").append('(').append(i + 1).append(") ")
                    .append(new MessageFormat(pattern, locale).format(refusal.getParameters()));
        }
        return new PolicyError(SEVERAL, refusals.size(), reasons.toString());
    }

    private Properties messages(RealmModel realm, Locale locale) {
        try {
            return session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        } catch (IOException | RuntimeException unreadable) {
            LOG.warnf("casvp-all-rules: the login theme's messages cannot be read (%s); reasons given as keys",
                    unreadable.getMessage());
            return new Properties();
        }
    }

    @Override
    public void close() {
        // the session owns the policies
    }
}
