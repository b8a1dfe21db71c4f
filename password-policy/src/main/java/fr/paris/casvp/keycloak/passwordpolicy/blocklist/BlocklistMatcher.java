package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges a password against some lists, in the manner of Microsoft Entra's banned-password
 * check, in three steps (the first that refuses wins):
 *
 * <ol>
 * <li><b>listed core</b>: the {@linkplain PasswordNormaliser#core core} of the password is a
 * listed term ({@code Soleil2026!!} → {@code soleil});</li>
 * <li><b>near core</b>: the core has {@value #MIN_NEAR_CORE} or more characters and is one
 * edit away from a listed term: one character inserted, removed or replaced, or two
 * neighbours swapped ({@code Soleiil2026} → {@code soleiil} ~ {@code soleil}). Shorter cores
 * are only compared exactly: nearly every 4-letter string is one edit from some listed term;</li>
 * <li><b>points</b>: the whole password, folded and read with leet, is cut into pieces so
 * as to score the fewest points: a listed term found anywhere in it is worth 1 point, a
 * year (19xx/20xx) 1 point, and every other character (letter, digit, symbol, space) 1
 * point. The password is refused when it scores fewer than {@code minPoints} points and at
 * least one term or year was found ({@code Paris2024Soleil!}: paris + 2024 + soleil + ! =
 * 4 points). A short password without any listed term is left to the length policy.</li>
 * </ol>
 *
 * <p>Everywhere, a "1" in the password may stand for l or for i. Cheap to create; holds no
 * state of its own beyond its inputs.
 */
final class BlocklistMatcher {

    /** Cores shorter than this are compared exactly only. */
    static final int MIN_NEAR_CORE = 5;

    private final List<TermAutomaton> lists;
    private final int minPoints;

    BlocklistMatcher(List<TermAutomaton> lists, int minPoints) {
        this.lists = List.copyOf(lists);
        this.minPoints = minPoints;
    }

    /** Why a password is refused. */
    enum Reason { LISTED_CORE, NEAR_CORE, TOO_FEW_POINTS }

    /**
     * A refusal. {@code shown} is always taken from the agent's own password, never from a
     * list: the listed term that equals the core; for a near core, the core itself (not the
     * listed neighbour, so that probing cannot reveal what an extra list holds); for points,
     * the terms and years found in the password.
     */
    record Refusal(Reason reason, String shown) {
    }

    /** The points count of a password and the terms and years that made it low. */
    record Score(int points, List<String> found) {
    }

    /** Null when the password passes; {@code password} is the NFC text. */
    Refusal judge(String password) {
        String core = PasswordNormaliser.core(password);
        if (core.isEmpty()) {
            return judgePoints(password);
        }
        int[] pattern = core.codePoints().toArray();
        String listed = listedCore(pattern);
        if (listed != null) {
            return new Refusal(Reason.LISTED_CORE, listed);
        }
        if (nearTerm(pattern) != null) {
            return new Refusal(Reason.NEAR_CORE, core);
        }
        return judgePoints(password);
    }

    private Refusal judgePoints(String password) {
        Score score = score(password);
        if (score.points() < minPoints && !score.found().isEmpty()) {
            return new Refusal(Reason.TOO_FEW_POINTS, String.join(", ", score.found()));
        }
        return null;
    }

    /** The listed term that the core reads as, or null. */
    String listedCore(String password) {
        String core = PasswordNormaliser.core(password);
        return core.isEmpty() ? null : listedCore(core.codePoints().toArray());
    }

    /** The listed term one edit away from the core (not the core itself), or null. */
    String nearTerm(String password) {
        String core = PasswordNormaliser.core(password);
        return core.isEmpty() ? null : nearTerm(core.codePoints().toArray());
    }

    private String listedCore(int[] pattern) {
        for (TermAutomaton list : lists) {
            Search search = new Search(list, pattern);
            if (search.exactly(list.root(), false, 0)) {
                return search.term();
            }
        }
        return null;
    }

    private String nearTerm(int[] pattern) {
        if (pattern.length < MIN_NEAR_CORE) {
            return null;
        }
        for (TermAutomaton list : lists) {
            if (pattern.length > list.maxLength() + 1) {
                continue; // no term of this list is one edit away
            }
            Search search = new Search(list, pattern);
            if (search.withinOneEdit(list.root(), false, 0)) {
                return search.term();
            }
        }
        return null;
    }

    /**
     * The points count: the fewest points over all ways to cut the password into listed
     * terms (1 point each), years (1 point each) and single characters (1 point each).
     */
    Score score(String password) {
        PasswordNormaliser.ScoringText text = PasswordNormaliser.scoringText(password);
        int n = text.length();
        int[] best = new int[n + 1];
        int[] pieceEnd = new int[n + 1];
        String[] pieceTerm = new String[n + 1];
        int[] path = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            best[i] = 1 + best[i + 1];
            pieceEnd[i] = i + 1;
            if (text.yearAt(i)) {
                choose(best, pieceEnd, pieceTerm, i, i + 4, text.symbols());
            }
            for (TermAutomaton list : lists) {
                walk(list, list.root(), text, i, i, path, best, pieceEnd, pieceTerm);
            }
        }
        List<String> found = new ArrayList<>();
        for (int i = 0; i < n; i = pieceEnd[i]) {
            if (pieceTerm[i] != null) {
                found.add(pieceTerm[i]);
            }
        }
        return new Score(best[0], List.copyOf(found));
    }

    /** Every listed term starting at {@code start}: offers it as a piece. */
    private static void walk(TermAutomaton list, int state, PasswordNormaliser.ScoringText text, int start, int at,
                             int[] path, int[] best, int[] pieceEnd, String[] pieceTerm) {
        if (at == text.length()) {
            return;
        }
        int c = text.symbols()[at];
        if (c == PasswordNormaliser.L_OR_I) {
            walkOn(list, state, 'l', text, start, at, path, best, pieceEnd, pieceTerm);
            walkOn(list, state, 'i', text, start, at, path, best, pieceEnd, pieceTerm);
        } else {
            walkOn(list, state, c, text, start, at, path, best, pieceEnd, pieceTerm);
        }
    }

    private static void walkOn(TermAutomaton list, int state, int reading, PasswordNormaliser.ScoringText text,
                               int start, int at, int[] path, int[] best, int[] pieceEnd, String[] pieceTerm) {
        int arc = list.follow(state, reading);
        if (arc == TermAutomaton.NO_ARC) {
            return;
        }
        path[at] = reading;
        if (TermAutomaton.endsTerm(arc)) {
            choose(best, pieceEnd, pieceTerm, start, at + 1, path);
        }
        walk(list, TermAutomaton.target(arc), text, start, at + 1, path, best, pieceEnd, pieceTerm);
    }

    /**
     * Takes the piece [start, end) of {@code symbols} when it scores fewer points (on a tie:
     * a term rather than characters, then the longer term).
     */
    private static void choose(int[] best, int[] pieceEnd, String[] pieceTerm, int start, int end, int[] symbols) {
        int points = 1 + best[end];
        boolean better = points < best[start]
                || points == best[start] && (pieceTerm[start] == null || end > pieceEnd[start]);
        if (better) {
            best[start] = points;
            pieceEnd[start] = end;
            pieceTerm[start] = new String(symbols, start, end - start);
        }
    }

    /**
     * A walk of one list along a pattern where "1" reads as l or i, remembering the labels
     * taken so that the term found can be returned.
     */
    private static final class Search {
        private final TermAutomaton list;
        private final int[] pattern;
        private final int[] taken;
        private int length;
        private int[][] arcLabels;
        private int[][] arcResults;

        Search(TermAutomaton list, int[] pattern) {
            this.list = list;
            this.pattern = pattern;
            this.taken = new int[pattern.length + 1];
        }

        String term() {
            return new String(taken, 0, length);
        }

        /** Whether {@code pattern[i..]} leads from {@code state} to the end of a term. */
        boolean exactly(int state, boolean endsTerm, int i) {
            if (i == pattern.length) {
                return endsTerm;
            }
            int c = pattern[i];
            if (c == PasswordNormaliser.L_OR_I) {
                return step(state, 'l', i + 1) || step(state, 'i', i + 1);
            }
            return step(state, c, i + 1);
        }

        private boolean step(int state, int label, int next) {
            int arc = list.follow(state, label);
            if (arc == TermAutomaton.NO_ARC) {
                return false;
            }
            taken[length++] = label;
            if (exactly(TermAutomaton.target(arc), TermAutomaton.endsTerm(arc), next)) {
                return true;
            }
            length--;
            return false;
        }

        /**
         * Whether {@code pattern[i..]} is within one edit (Damerau: insert, delete, replace,
         * swap two neighbours) of a path from {@code state} to the end of a term.
         */
        boolean withinOneEdit(int state, boolean endsTerm, int i) {
            // Keep the edit for later: follow the pattern as long as it is in the list.
            if (i < pattern.length) {
                int c = pattern[i];
                int[] readings = c == PasswordNormaliser.L_OR_I ? new int[] {'l', 'i'} : new int[] {c};
                for (int reading : readings) {
                    int arc = list.follow(state, reading);
                    if (arc != TermAutomaton.NO_ARC) {
                        taken[length++] = reading;
                        if (withinOneEdit(TermAutomaton.target(arc), TermAutomaton.endsTerm(arc), i + 1)) {
                            return true;
                        }
                        length--;
                    }
                }
            } else if (endsTerm) {
                return true;
            }
            // Spend the edit here.
            int depth = length;
            int arcs = arcsOf(state, depth);
            for (int k = 0; k < arcs; k++) { // a listed character the agent left out
                if (take(arcLabels[depth][k], arcResults[depth][k], i)) {
                    return true;
                }
            }
            if (i == pattern.length) {
                return false;
            }
            if (exactly(state, endsTerm, i + 1)) { // a character the agent added
                return true;
            }
            for (int k = 0; k < arcs; k++) { // a character the agent changed
                int label = arcLabels[depth][k];
                if (!reads(pattern[i], label) && take(label, arcResults[depth][k], i + 1)) {
                    return true;
                }
            }
            if (i + 1 < pattern.length) { // two neighbours the agent swapped
                for (int k = 0; k < arcs; k++) {
                    int label = arcLabels[depth][k];
                    if (reads(pattern[i + 1], label) && !reads(pattern[i], label)) {
                        int arc = arcResults[depth][k];
                        taken[length++] = label;
                        if (swappedSecond(TermAutomaton.target(arc), i)) {
                            return true;
                        }
                        length--;
                    }
                }
            }
            return false;
        }

        private boolean swappedSecond(int state, int i) {
            int c = pattern[i];
            if (c == PasswordNormaliser.L_OR_I) {
                return step(state, 'l', i + 2) || step(state, 'i', i + 2);
            }
            return step(state, c, i + 2);
        }

        private boolean take(int label, int arc, int next) {
            taken[length++] = label;
            if (exactly(TermAutomaton.target(arc), TermAutomaton.endsTerm(arc), next)) {
                return true;
            }
            length--;
            return false;
        }

        private int arcsOf(int state, int depth) {
            if (arcLabels == null) {
                arcLabels = new int[taken.length + 1][];
                arcResults = new int[taken.length + 1][];
            }
            if (arcLabels[depth] == null) {
                arcLabels[depth] = new int[list.maxArcs()];
                arcResults[depth] = new int[list.maxArcs()];
            }
            return list.arcs(state, arcLabels[depth], arcResults[depth]);
        }

        private static boolean reads(int patternChar, int label) {
            return patternChar == label
                    || patternChar == PasswordNormaliser.L_OR_I && (label == 'l' || label == 'i');
        }
    }
}
