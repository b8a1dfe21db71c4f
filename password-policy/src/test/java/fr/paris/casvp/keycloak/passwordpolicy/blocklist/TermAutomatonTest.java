package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TermAutomatonTest {

    @Test
    void holdsExactlyItsTerms() {
        Set<String> terms = Set.of("soleil", "soleils", "pareil", "pareils", "sol", "paris", "parisien", "cas");
        TermAutomaton automaton = TermAutomaton.of(terms);
        assertEquals(terms.size(), automaton.size());
        for (String term : terms) {
            assertTrue(automaton.contains(term), term);
        }
        for (String other : List.of("", "s", "sole", "soleilss", "pareils2", "pari", "parisienne", "ca", "xyz")) {
            assertFalse(automaton.contains(other), other);
        }
    }

    @Test
    void agreesWithAHashSetOnThousandsOfRandomWords() {
        Random random = new Random(42);
        Set<String> terms = new HashSet<>();
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String word = randomWord(random);
            if (i % 2 == 0) {
                terms.add(word);
            }
            probes.add(word);
            probes.add(word + "s");
            probes.add(word.substring(1));
        }
        TermAutomaton automaton = TermAutomaton.of(terms);
        assertEquals(terms.size(), automaton.size());
        for (String probe : probes) {
            assertEquals(terms.contains(probe), automaton.contains(probe), probe);
        }
    }

    @Test
    void labelsBeyondTheThirtyOneMostFrequentAreStoredToo() {
        // 26 + 10 + Greek + Cyrillic + an emoji: more labels than the one-byte header can code
        Set<String> terms = new TreeSet<>(List.of("alpha", "b9et", "gamma", "δέλτα", "москва", "zz0123456789",
                "qwxy", "ñandu", "ǆungla", "fête", "soleil\ud83d\ude00", "ĳssel"));
        TermAutomaton automaton = TermAutomaton.of(terms);
        for (String term : terms) {
            assertTrue(automaton.contains(term), term);
        }
        assertFalse(automaton.contains("москв"));
        assertFalse(automaton.contains("soleil\ud83d\ude01"));
    }

    @Test
    void listsTheArcsOfAState() {
        TermAutomaton automaton = TermAutomaton.of(List.of("abc", "abd", "ab", "aex"));
        int a = TermAutomaton.target(automaton.follow(automaton.root(), 'a'));
        int[] labels = new int[automaton.maxArcs()];
        int[] results = new int[automaton.maxArcs()];
        assertEquals(2, automaton.arcs(a, labels, results));
        assertEquals('b', labels[0]);
        assertEquals('e', labels[1]);
        assertTrue(TermAutomaton.endsTerm(results[0])); // "ab"
        assertFalse(TermAutomaton.endsTerm(results[1]));
        for (int i = 0; i < 2; i++) {
            assertEquals(automaton.follow(a, labels[i]), results[i]);
        }
    }

    @Test
    void anEmptyListMatchesNothing() {
        TermAutomaton automaton = TermAutomaton.of(List.of());
        assertEquals(0, automaton.size());
        assertFalse(automaton.contains("soleil"));
        assertEquals(TermAutomaton.NO_ARC, automaton.follow(automaton.root(), 's'));
    }

    private static String randomWord(Random random) {
        int length = 3 + random.nextInt(10);
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // skewed towards a few letters, so that words share beginnings and endings
            word.append((char) ('a' + Math.min(25, (int) Math.abs(random.nextGaussian() * 6))));
        }
        return word.toString();
    }
}
