package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import fr.paris.casvp.keycloak.passwordpolicy.support.CandidatePassword;
import fr.paris.casvp.keycloak.passwordpolicy.support.PolicyProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PolicyError;

/**
 * Refuses passwords built on a common password, a common French word, a name or an
 * organisation term, however disguised with case, accents, leet, digits, years and
 * symbols (rules in {@link BlocklistMatcher}). The lists are the factory's, shared.
 */
final class BlocklistPasswordPolicyProvider extends PolicyProvider<BlocklistSettings> {

    static final String TERM_MESSAGE = "casvp.passwordPolicy.blocklist.term";
    static final String NEAR_TERM_MESSAGE = "casvp.passwordPolicy.blocklist.nearTerm";
    static final String POINTS_MESSAGE = "casvp.passwordPolicy.blocklist.points";

    private final Blocklists blocklists;

    BlocklistPasswordPolicyProvider(KeycloakContext context, Blocklists blocklists) {
        super(context, BlocklistPasswordPolicyProviderFactory.ID, BlocklistSettings.class, BlocklistSettings.DEFAULTS);
        this.blocklists = blocklists;
    }

    @Override
    protected PolicyError check(BlocklistSettings settings, String password, UserModel user, String username) {
        return CandidatePassword.check(password, candidate -> check(settings, candidate));
    }

    @Override
    public Object parseConfig(String value) {
        return BlocklistSettings.parse(value, blocklists.names());
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
}
