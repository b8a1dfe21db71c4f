package fr.paris.casvp.keycloak.passwordpolicy.sequence;

import fr.paris.casvp.keycloak.passwordpolicy.support.PolicySettings;

import java.util.Set;

/**
 * Settings of {@code casvp-sequence}: {@code run}, the shortest run refused (keyboard,
 * alphabetical, numerical, or one repeated character), 4 by default.
 */
record SequencePolicyConfig(int run) {

    static final String RUN = "run";
    static final int DEFAULT_RUN = 4;

    /** The value the admin console proposes when the policy is added: a number, as for {@code length}. */
    static final String DEFAULT_VALUE = Integer.toString(DEFAULT_RUN);
    /** What applies where the realm has no value of its own. */
    static final SequencePolicyConfig DEFAULTS = parse(null);

    static SequencePolicyConfig parse(String value) {
        PolicySettings settings = PolicySettings.parse(SequencePasswordPolicyProviderFactory.ID, value, RUN,
                Set.of(RUN));
        // Passay's sequence rule needs at least 3.
        return new SequencePolicyConfig(settings.integer(RUN, DEFAULT_RUN, 3, 16));
    }
}
