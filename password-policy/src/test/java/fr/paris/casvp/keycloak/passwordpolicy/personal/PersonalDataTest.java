package fr.paris.casvp.keycloak.passwordpolicy.personal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.policy.PolicyError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PersonalDataTest {

    private static final PersonalData CAMILLE = new PersonalData("camille.martin", "c.martin-durand@casvp.test",
            "Camille", "Martin-Durand", "1984-05-12", 4);

    @ParameterizedTest(name = "\"{0}\" is refused as personal data")
    @ValueSource(strings = {
            "Camille-a-la-plage!",        // first name
            "MARTIN et les autres 9",     // last name, any case
            "durand sous la pluie",       // second part of a hyphenated name
            "martincamille vacances",     // last + first
            "ca.mille MARTIN 2026 ok",    // identifier typed with separators
            "mon ellimac adore le the",   // first name reversed
            "C4m1ll3 au soleil du sud",   // leet and 1 for l/i
            "Cämîllé aime le café noir",  // accents
            "cmartindurand pour toujours", // mail local part
    })
    void refusesNamesIdentifierAndMailInAnyDisguise(String password) {
        assertEquals(PersonalPasswordPolicyProvider.PERSONAL,
                PersonalPasswordPolicyProvider.check(CAMILLE, password).getMessage());
    }

    @Test
    void refusesTheBirthYear() {
        PolicyError error = PersonalPasswordPolicyProvider.check(CAMILLE, "lanterne verte 1984 quai");
        assertEquals(PersonalPasswordPolicyProvider.BIRTH_YEAR, error.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" is accepted")
    @ValueSource(strings = {"lanterne verte sur le quai 7", "cheval correct pile agrafe 1985",
            "Cam au marché de la Villette"})
    void acceptsPasswordsWithoutTheAgentsData(String password) {
        assertNull(PersonalPasswordPolicyProvider.check(CAMILLE, password), password);
    }

    @Test
    void aNameInsideALongerWordStillCounts() {
        assertEquals(PersonalPasswordPolicyProvider.PERSONAL,
                PersonalPasswordPolicyProvider.check(CAMILLE, "Martine habite a Lyon").getMessage());
    }

    @Test
    void shortNamesAreIgnoredBelowTheMinimumLength() {
        PersonalData li = new PersonalData("li.wu", null, "Li", "Wu", null, 4);
        assertNull(PersonalPasswordPolicyProvider.check(li, "lilas et wuhan au printemps"));
    }

    @Test
    void usernameAloneIsCheckedWhenKeycloakHasNoUser() {
        PersonalData onlyName = new PersonalData("karim.benali", null, null, null, null, 4);
        assertEquals(PersonalPasswordPolicyProvider.PERSONAL,
                PersonalPasswordPolicyProvider.check(onlyName, "B3n4li pour la vie").getMessage());
    }
}
