package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import fr.paris.casvp.keycloak.passwordpolicy.blocklist.BlocklistMatcher.Reason;
import fr.paris.casvp.keycloak.passwordpolicy.blocklist.BlocklistMatcher.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matcher against the lists shipped in the JAR, with the default threshold of 5 points. */
class BlocklistMatcherTest {

    private static final Blocklists SHIPPED = Blocklists.load(null);
    private static final BlocklistMatcher ALL_LISTS =
            new BlocklistMatcher(SHIPPED.select(List.of(Blocklists.ALL)), BlocklistSettings.DEFAULT_MIN_POINTS);

    @ParameterizedTest(name = "\"{0}\" is refused: its core is the listed \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            // common passwords disguised with leet and years
            "Soleil2026!!         | soleil",
            "P@ssw0rd2026!        | password",
            "Azerty@2026          | azerty",
            "Motdepasse123        | motdepasse",
            "MotDePasse!          | motdepasse",
            "Pa55word             | password",
            "S0le1l!!             | soleil",
            "Bonjour2024          | bonjour",
            "!!Marseille13        | marseille",
            "1qaz2wsx!            | qaz2wsx",
            // organisation terms, months and seasons
            "Casvp2025!           | casvp",
            "Mairie de Paris 75   | mairiedeparis",
            "VilleDeParis!        | villedeparis",
            "Juillet2024!         | juillet",
            "Été2024!             | ete",
            "Cgt2024!             | cgt",
            "Supap-FSU 2025       | supapfsu",
            "IntraParis#1         | intraparis",
            // names followed by a year or digits
            "Camille1990          | camille",
            "Nicolas75!           | nicolas",
            "Dupont2024           | dupont",
    })
    void refusesCommonPasswordsOrganisationTermsAndNamesHoweverDisguised(String password, String term) {
        assertEquals(new Refusal(Reason.LISTED_CORE, term), ALL_LISTS.judge(password));
    }

    @ParameterizedTest(name = "\"{0}\" is refused: \"{1}\" is one edit from the listed \"{2}\"")
    @CsvSource(delimiter = '|', value = {
            "Soleiil2026      | soleiil      | soleil",        // a letter added
            "Motdepase!       | motdepase    | motdepasse",    // a letter left out
            "Sloeil2024       | sloeil       | soleil",        // two letters swapped
            "Motdepazse1      | motdepazse   | motdepasse",    // a letter changed
            "Casvpp2025       | casvpp       | casvp",
    })
    void refusesListedWordsWithOneLetterChanged(String password, String core, String listed) {
        assertEquals(listed, ALL_LISTS.nearTerm(password));
        // The agent is shown their own core, never the listed neighbour.
        assertEquals(new Refusal(Reason.NEAR_CORE, core), ALL_LISTS.judge(password));
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1} points, from {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Paris2024Soleil!     | 4 | 'paris, 2024, soleil'
            SoleilParis2024      | 3 | 'soleil, paris, 2024'
            ChatChien2024        | 3 | 'chat, chien, 2024'
            Nicolas-Paris-1990   | 5 | 'nicolas, paris, 1990'
            """)
    void refusesPasswordsMadeOfFewListedPiecesByPoints(String password, int points, String found) {
        assertEquals(points, ALL_LISTS.score(password).points());
        if (points < BlocklistSettings.DEFAULT_MIN_POINTS) {
            assertEquals(new Refusal(Reason.TOO_FEW_POINTS, found), ALL_LISTS.judge(password));
        } else {
            assertNull(ALL_LISTS.judge(password));
        }
    }

    @ParameterizedTest(name = "\"{0}\" is accepted")
    @ValueSource(strings = {
            "lanterne verte sur le quai 7",
            "Lanterne verte sur le quai 7",
            "Cheval-Agrafe-Correct-Pile",
            "k7#Vq9!mZ2pL",
            "xK9#mP2$vL7q",
            "Velo rouge dans la cour 12",
            "Registre ancien du bureau 42",
            "Mon chat Tigrou aime les sardines",
    })
    void acceptsPassphrasesAndRandomStrings(String password) {
        assertNull(ALL_LISTS.judge(password));
    }

    @Test
    void pointsCountEveryCharacterOutsideListedTermsAndYears() {
        BlocklistMatcher.Score score = ALL_LISTS.score("Cheval-Agrafe-Correct-Pile");
        // cheval, -, a, graf, e, -, correct, -, pile: 4 terms and 5 characters
        assertEquals(9, score.points());
        assertEquals(List.of("cheval", "graf", "correct", "pile"), score.found());
        assertEquals(12, ALL_LISTS.score("k7#Vq9!mZ2pL").points());
        assertEquals(List.of(), ALL_LISTS.score("k7#Vq9!mZ2pL").found());
    }

    @Test
    void shortPasswordsWithoutListedWordsAreLeftToTheLengthPolicy() {
        assertEquals(4, ALL_LISTS.score("Xq9#").points());
        assertNull(ALL_LISTS.judge("Xq9#"));
        assertNull(ALL_LISTS.judge("123456789012"));
    }

    @Test
    void thresholdAndListsAreTheAdminsChoice() {
        BlocklistMatcher lenient = new BlocklistMatcher(SHIPPED.select(List.of(Blocklists.ALL)), 4);
        assertNull(lenient.judge("Paris2024Soleil!"));
        BlocklistMatcher pointsOff = new BlocklistMatcher(SHIPPED.select(List.of(Blocklists.ALL)), 0);
        assertNull(pointsOff.judge("ChatChien2024"));
        BlocklistMatcher organisationOnly = new BlocklistMatcher(SHIPPED.select(List.of("organisation")), 5);
        assertNull(organisationOnly.judge("Soleil2026!!"));
        assertEquals(new Refusal(Reason.LISTED_CORE, "casvp"), organisationOnly.judge("Casvp2025!"));
    }

    @Test
    void aOneIsReadAsLOrIWhereverItHelpsTheMatch() {
        assertEquals("soleil", ALL_LISTS.listedCore("S01e1l2024"));  // l then i
        assertEquals("juillet", ALL_LISTS.listedCore("Ju1llet!"));
        assertEquals("motdepasse", ALL_LISTS.nearTerm("M0tdepa55ee"));
    }

    @Test
    void shortCoresAreOnlyComparedExactly() {
        // "zerb" is one edit from many listed words, but a 4-letter core is too short for that.
        assertNull(ALL_LISTS.nearTerm("2024!Zerb#91"));
    }

    @Test
    void oneEditSearchFindsWhatComparingWithEveryTermFinds() {
        Random random = new Random(3);
        Set<String> words = new HashSet<>();
        while (words.size() < 3000) {
            words.add(randomWord(random, 4 + random.nextInt(5)));
        }
        BlocklistMatcher matcher = new BlocklistMatcher(
                Blocklists.of(Map.of("test", words)).select(List.of("test")), 5);
        List<String> probes = new ArrayList<>();
        for (String word : words) {
            if (probes.size() > 6000) {
                break;
            }
            probes.add(mutate(word, random));
            probes.add(randomWord(random, word.length()));
        }
        for (String probe : probes) {
            boolean expected = probe.length() < BlocklistMatcher.MIN_NEAR_CORE ? words.contains(probe)
                    : words.stream().anyMatch(w -> withinOneEdit(probe, w));
            String listed = matcher.listedCore(probe);
            String near = matcher.nearTerm(probe);
            assertEquals(expected, listed != null || near != null, probe);
            if (near != null) {
                assertTrue(words.contains(near) && withinOneEdit(probe, near), probe + " ~ " + near);
            }
        }
    }

    private static String randomWord(Random random, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(5))); // a small alphabet: many near misses
        }
        return word.toString();
    }

    private static String mutate(String word, Random random) {
        StringBuilder w = new StringBuilder(word);
        int at = random.nextInt(w.length());
        switch (random.nextInt(4)) {
            case 0 -> w.insert(at, (char) ('a' + random.nextInt(5)));
            case 1 -> w.deleteCharAt(at);
            case 2 -> w.setCharAt(at, (char) ('a' + random.nextInt(5)));
            default -> {
                if (at + 1 < w.length()) {
                    char c = w.charAt(at);
                    w.setCharAt(at, w.charAt(at + 1));
                    w.setCharAt(at + 1, c);
                }
            }
        }
        return w.length() >= BlocklistMatcher.MIN_NEAR_CORE ? w.toString() : word;
    }

    /** Optimal-string-alignment distance at most 1, by the definition. */
    private static boolean withinOneEdit(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        if (a.length() == b.length()) {
            int first = -1;
            int differences = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (first < 0) {
                        first = i;
                    }
                    differences++;
                }
            }
            return differences == 1 || differences == 2 && first + 1 < a.length()
                    && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                    && a.substring(first + 2).equals(b.substring(first + 2));
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        for (int i = 0; i < longer.length(); i++) {
            if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
                return true;
            }
        }
        return false;
    }
}
