package fr.paris.casvp.keycloak.passwordpolicy.sequence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.policy.PolicyError;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class GuessablePatternsTest {

    private final GuessablePatterns patterns = new GuessablePatterns(4);

    @ParameterizedTest(name = "\"{0}\" is refused as a keyboard run ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            Azerty@2026!x         | azerty
            Mon-ytreza-chien      | ytreza
            QSDFjardin2026        | qsdf
            wxcv.Bonjour.9        | wxcv
            lune(-è_soleil       | (-è_
            Qwerty!Printemps      | erty
            pluie-poiu-nuage      | poiu
            Qwertz-Sonne-8        | qwert
            xyzuiop rivière       | uiop
            """)
    void refusesKeyboardRunsOnAzertyQwertyAndQwertzInEitherDirection(String password, String shown) {
        PolicyError error = patterns.find(password);
        assertNotNull(error, password);
        assertEquals(GuessablePatterns.KEYBOARD, error.getMessage());
        assertArrayEquals(new Object[] {shown}, error.getParameters());
    }

    @ParameterizedTest(name = "\"{0}\" is refused ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            Jardin-ABCD-fleuri  | casvp.passwordPolicy.sequence.alphabetical | abcd
            Jardin-dcba-fleuri  | casvp.passwordPolicy.sequence.alphabetical | dcba
            Jardin-6789-fleuri  | casvp.passwordPolicy.sequence.numerical    | 6789
            Jardin-9876-fleuri  | casvp.passwordPolicy.sequence.numerical    | 9876
            Jardin-!!!!-fleuri  | casvp.passwordPolicy.sequence.repeatedCharacter | !!!!
            Jardin-eeee-fleuri  | casvp.passwordPolicy.sequence.repeatedCharacter | eeee
            """)
    void refusesAlphabeticalNumericalAndRepeatedRuns(String password, String key, String shown) {
        PolicyError error = patterns.find(password);
        assertNotNull(error, password);
        assertEquals(key, error.getMessage());
        assertArrayEquals(new Object[] {shown}, error.getParameters());
    }

    @ParameterizedTest(name = "\"{0}\" is refused as a repeated block")
    @ValueSource(strings = {"Abc135!Abc135!", "Soleil92Soleil92", "lune-LUNE-lune-", "xXmer7mer7mer7Xx"})
    void refusesABlockTypedTwice(String password) {
        PolicyError error = patterns.find(password);
        assertNotNull(error, password);
        assertEquals(GuessablePatterns.REPEATED_BLOCK, error.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" is accepted")
    @ValueSource(strings = {
            "lanterne verte sur le quai 7",
            "Cheval-Agrafe-Correct-Pile",
            "k7#Vq9!mZ2pL",
            "the horse horse ran over the hill",
            "abc 123 xyz 890 ok",
            "hahaha on rigole bien",
    })
    void acceptsPassphrasesAndRandomPasswords(String password) {
        assertNull(patterns.find(password), password);
    }

    @Test
    void runLengthIsConfigurable() {
        assertNull(new GuessablePatterns(5).find("Jardin-6789-fleuri"));
        assertNotNull(new GuessablePatterns(3).find("Jardin-678-fleuri"));
    }
}
