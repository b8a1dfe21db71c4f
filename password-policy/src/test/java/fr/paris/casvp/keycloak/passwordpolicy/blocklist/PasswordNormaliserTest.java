package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordNormaliserTest {

    @ParameterizedTest(name = "\"{0}\" folds to \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "SOLEIL                   | soleil",
            "Été à Noël               | ete a noel",
            "cafe\u0301 cre\u0300me   | cafe creme",      // decomposed accents
            "Cœur ÆTHER Straße        | coeur aether strasse",
            "Øre Łódź                 | ore lodz",
            "ＰＡＲＩＳ               | paris",           // full-width letters
            "ﬁlm                      | film",            // ligature
            "İstanbul                 | istanbul",
    })
    void foldsCaseAccentsAndCompatibilityForms(String text, String folded) {
        assertEquals(folded, PasswordNormaliser.fold(text));
    }

    @ParameterizedTest(name = "core of \"{0}\" is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            // digits, years and symbols at the ends go
            "Soleil2026!!             | soleil",
            "!!Soleil                 | soleil",
            "Motdepasse123            | motdepasse",
            "Juillet2024!             | juillet",
            "2024Juillet              | juillet",
            // leet inside is read as letters; 1 stays as "l or i"
            "P@ssw0rd2026!            | password",
            "Pa55w0rd                 | password",
            "S0le1l!!                 | sole1l",
            "M4ir1e                   | mair1e",
            "7r4v41l                  | rava1l",          // 7 at the start is stripped as a digit
            // separators and years inside go, other digits stay
            "Mairie de Paris 75       | mairiedeparis",
            "ville-de.paris           | villedeparis",
            "Soleil2026Paris          | soleilparis",
            "1qaz2wsx!                | qaz2wsx",
            "k7#Vq9!mZ2pL             | ktvq9mz2pl",
            // no letter at all: no core
            "123456789012             | ''",
            "2024!!                   | ''",
    })
    void coreIsWhatLiesBetweenTheFirstAndLastLetterReadWithLeet(String password, String core) {
        assertEquals(core, PasswordNormaliser.core(password));
    }

    @ParameterizedTest(name = "\"{0}\" has a year at {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "soleil2026   | 6 | true",
            "1999         | 0 | true",
            "x2099y       | 1 | true",
            "soleil20266  | 6 | false",   // five digits: not a year
            "soleil12026  | 7 | false",
            "soleil2126   | 6 | false",   // 21xx
            "soleil1899   | 6 | false",
    })
    void yearsAreFourDigitsStarting19Or20StandingAlone(String text, int at, boolean year) {
        assertEquals(year, PasswordNormaliser.isYearAt(text.codePoints().toArray(), at));
    }

    @Test
    void aOneInAListEntryGivesBothReadings() {
        assertEquals(List.of("mlchel", "michel"), PasswordNormaliser.terms("M1chel", 4));
        assertEquals(List.of("alla", "alia", "aila", "aiia"), PasswordNormaliser.terms("a11a", 4));
        // more than four 1s: only the two uniform readings
        assertEquals(List.of("allllla", "aiiiiia"), PasswordNormaliser.terms("a11111a", 4));
    }

    @Test
    void shortCoresGiveNoTerm() {
        assertEquals(List.of(), PasswordNormaliser.terms("abc", 4));
        assertEquals(List.of("abc"), PasswordNormaliser.terms("abc", 3));
        assertEquals(List.of(), PasswordNormaliser.terms("123456", 3));
        assertEquals(List.of(), PasswordNormaliser.terms("a-b", 3));
    }

    @Test
    void termsOfAnEntryAreInTheirOwnNormalForm() {
        for (String entry : List.of("Mot de passe", "P@ssw0rd", "Ville de Paris", "été", "M1chel", "1qaz2wsx",
                "Centre d’action sociale", "cfe-cgc", "ＡＢＣＤ", "soleil")) {
            for (String term : PasswordNormaliser.terms(entry, 3)) {
                assertEquals(List.of(term), PasswordNormaliser.terms(term, 3), entry);
            }
        }
    }

    @Test
    void scoringTextKeepsEveryCharacterAndLeavesYearsAlone() {
        PasswordNormaliser.ScoringText text = PasswordNormaliser.scoringText("P@ris 2024-s0le1l!");
        assertEquals("paris 2024-sole1l!", text.text(0, text.length()));
        assertTrue(text.yearAt(6));
        assertFalse(text.yearAt(7));
        // a 0 outside a year is a letter o
        PasswordNormaliser.ScoringText digits = PasswordNormaliser.scoringText("20245");
        assertEquals("2o2as", digits.text(0, digits.length()));
        assertFalse(digits.yearAt(0));
    }
}
