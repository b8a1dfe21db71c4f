package fr.paris.casvp.keycloak.passwordpolicy.personal;

import fr.paris.casvp.keycloak.passwordpolicy.support.PolicySettings;

import java.util.Set;

/**
 * Settings of {@code casvp-personal}: {@code minLength}, the shortest piece of personal
 * data looked for (4: shorter names would refuse too many passwords by chance), and
 * {@code birthYearAttribute}, the user attribute holding a birth date or year (empty: none).
 */
record PersonalPolicyConfig(int minLength, String birthYearAttribute) {

    static final String MIN_LENGTH = "minLength";
    static final String BIRTH_YEAR_ATTRIBUTE = "birthYearAttribute";

    static final int DEFAULT_MIN_LENGTH = 4;
    static final String DEFAULT_BIRTH_ATTRIBUTE = "birthdate";

    /** The value the admin console proposes when the policy is added. */
    static final String DEFAULT_VALUE = MIN_LENGTH + "=" + DEFAULT_MIN_LENGTH + "," + BIRTH_YEAR_ATTRIBUTE + "="
            + DEFAULT_BIRTH_ATTRIBUTE;
    /** What applies where the realm has no value of its own. */
    static final PersonalPolicyConfig DEFAULTS = parse(null);

    static PersonalPolicyConfig parse(String value) {
        PolicySettings settings = PolicySettings.parse(PersonalPasswordPolicyProviderFactory.ID, value, MIN_LENGTH,
                Set.of(MIN_LENGTH, BIRTH_YEAR_ATTRIBUTE));
        return new PersonalPolicyConfig(settings.integer(MIN_LENGTH, DEFAULT_MIN_LENGTH, 3, 16),
                settings.string(BIRTH_YEAR_ATTRIBUTE, DEFAULT_BIRTH_ATTRIBUTE));
    }
}
