package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import fr.paris.casvp.keycloak.passwordpolicy.support.CandidatePassword;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/**
 * Refuses passwords built on a common password, a common French word, a name or an
 * organisation term, however disguised with case, accents, leet, digits, years and
 * symbols (rules in {@link BlocklistMatcher}). The lists are the factory's, shared.
 */
final class BlocklistPasswordPolicyProvider implements PasswordPolicyProvider {

    static final String TERM_MESSAGE = "casvp.passwordPolicy.blocklist.term";
    static final String NEAR_TERM_MESSAGE = "casvp.passwordPolicy.blocklist.nearTerm";
    static final String POINTS_MESSAGE = "casvp.passwordPolicy.blocklist.points";

    private final KeycloakContext context;
    private final Blocklists blocklists;

    BlocklistPasswordPolicyProvider(KeycloakContext context, Blocklists blocklists) {
        this.context = context;
        this.blocklists = blocklists;
    }

    @Override
    public PolicyError validate(RealmModel realm, UserModel user, String password) {
        CandidatePassword c = CandidatePassword.of(password);
        if (c.unusableError() != null) {
            return c.unusableError();
        }
        return check(settingsOf(realm), c);
    }

    @Override
    public PolicyError validate(String user, String password) {
        CandidatePassword c = CandidatePassword.of(password);
        if (c.unusableError() != null) {
            return c.unusableError();
        }
        return check(settingsOf(context == null ? null : context.getRealm()), c);
    }

    @Override
    public Object parseConfig(String value) {
        return BlocklistSettings.parse(value, blocklists.names());
    }

    @Override
    public void close() {
    }

    PolicyError check(BlocklistSettings settings, CandidatePassword c) {
        BlocklistMatcher.Refusal refusal =
                new BlocklistMatcher(blocklists.select(settings.lists()), settings.minPoints()).judge(c.text());
        if (refusal == null) {
            return null;
        }
        return switch (refusal.reason()) {
            case LISTED_CORE -> new PolicyError(TERM_MESSAGE, refusal.shown());
            case NEAR_CORE -> new PolicyError(NEAR_TERM_MESSAGE, refusal.shown());
            case TOO_FEW_POINTS -> new PolicyError(POINTS_MESSAGE, refusal.shown());
        };
    }

    private BlocklistSettings settingsOf(RealmModel realm) {
        PasswordPolicy policy = realm == null ? null : realm.getPasswordPolicy();
        Object settings = policy == null ? null : policy.getPolicyConfig(BlocklistPasswordPolicyProviderFactory.ID);
        return settings instanceof BlocklistSettings s ? s
                : BlocklistSettings.parse(BlocklistSettings.DEFAULT_VALUE, blocklists.names());
    }
}
