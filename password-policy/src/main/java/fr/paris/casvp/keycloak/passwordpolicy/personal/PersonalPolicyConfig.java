package fr.paris.casvp.keycloak.passwordpolicy.personal;

import fr.paris.casvp.keycloak.passwordpolicy.support.PolicySettings;

import java.util.Set;

/**
 * Settings of {@code casvp-personal}: {@code minLength}, the shortest piece of personal
 * data looked for (4: shorter names would refuse too many passwords by chance), and
 * {@code birthYearAttribute}, the user attribute holding a birth date or year (empty: none).
 */
record PersonalPolicyConfig(int minLength, String birthYearAttribute) {

    static final int DEFAULT_MIN_LENGTH = 4;
    static final String DEFAULT_BIRTH_ATTRIBUTE = "birthdate";

    static PersonalPolicyConfig parse(String value) {
        PolicySettings settings = PolicySettings.parse(PersonalPasswordPolicyProviderFactory.ID, value, "minLength",
                Set.of("minLength", "birthYearAttribute"));
        return new PersonalPolicyConfig(settings.integer("minLength", DEFAULT_MIN_LENGTH, 3, 16),
                settings.string("birthYearAttribute", DEFAULT_BIRTH_ATTRIBUTE));
    }
}
