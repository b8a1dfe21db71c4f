package fr.paris.casvp.keycloak.passwordpolicy.entropy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CnilEntropyTest {

    @ParameterizedTest(name = "\"{0}\" uses an alphabet of {1}")
    @CsvSource(delimiter = '|', textBlock = """
            abcdef            | 26
            ABCDEF            | 26
            123456            | 10
            !!!               | 37
            abcDEF            | 52
            abc123            | 36
            aB3!              | 99
            'été'             | 63
            'deux mots'       | 63
            """)
    void alphabetAddsTheCnilClassesPresent(String password, int expected) {
        assertEquals(expected, CnilEntropy.alphabetSize(password));
    }

    @ParameterizedTest(name = "\"{0}\" has {1} bits")
    @CsvSource(delimiter = '|', value = {
            // 12 characters of all four classes: 12 × log2(99) = 79.55
            "Soleil2026!!                  | 79",
            // 13 × log2(99) = 86.18
            "Soleil2026!!x                 | 86",
            // 12 digits: 12 × log2(10) = 39.86
            "123456789012                  | 39",
            // a lower-case passphrase with spaces: 26 × log2(63) = 155.4
            "'lanterne verte sur le quai'  | 155",
    })
    void bitsFollowTheCnilFormula(String password, int expected) {
        assertEquals(expected, CnilEntropy.bits(password));
    }

    @Test
    void decomposedAccentsCountLikeComposedOnes() {
        String composed = "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e";
        String decomposed = "cafe\u0301 cre\u0300me bru\u0302le\u0301e";
        assertEquals(CnilEntropy.bits(composed), CnilEntropy.bits(decomposed));
    }

    @Test
    void emptyPasswordHasNoEntropy() {
        assertEquals(0, CnilEntropy.bits(""));
    }

    @Test
    void longPassphraseWithoutCapitalsBeatsAShortComplexPassword() {
        assertTrue(CnilEntropy.bits("cheval correct pile agrafe") > CnilEntropy.bits("P@ssw0rd2026!"));
    }
}
