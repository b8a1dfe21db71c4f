package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the blocklist reads a password, and a word list entry, before comparing them
 * (pure functions, no state). Three steps:
 *
 * <ol>
 * <li><b>fold</b>: compatibility decomposition (NFKD), lower case ({@link Locale#ROOT}),
 * combining marks removed (é→e, ç→c), then œ→oe, æ→ae, ß→ss, ø→o, đ→d, ł→l, ı→i;</li>
 * <li><b>leet</b>: 0→o, 3→e, 4→a, 5→s, $→s, @→a, 7→t; the digit 1 stays {@value #L_OR_I}
 * and means "l or i" wherever it is compared (both readings are tried);</li>
 * <li><b>core</b>: what lies between the first and the last letter of the folded password
 * (so digits, years and symbols at the ends are stripped), with leet read as letters,
 * years inside removed, and every other character that is neither a letter nor a digit
 * removed (spaces, hyphens, dots, apostrophes). {@code "P@ssw0rd2026!"} → {@code password};
 * {@code "Mairie de Paris 75"} → {@code mairiedeparis}.</li>
 * </ol>
 *
 * <p>A <b>year</b> is four ASCII digits starting 19 or 20 with no digit on either side.
 *
 * <p>List entries go through {@link #terms}: their core, once per reading of each "1".
 * The shipped lists are stored already in this form ({@code data/normalise-blocklists.mjs}
 * implements the same rules; a unit test keeps them equal).
 */
public final class PasswordNormaliser {

    /** The character in a core or scoring text that stands for "l or i" (the digit 1). */
    public static final char L_OR_I = '1';

    /** With more than this many 1s in a list entry, only the all-l and all-i readings are kept. */
    static final int MAX_MIXED_READINGS = 4;

    private PasswordNormaliser() {
    }

    /** Step 1: case, accents and compatibility forms folded. */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(
                Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            switch (c) {
                case 'œ' -> out.append("oe");
                case 'æ' -> out.append("ae");
                case 'ß' -> out.append("ss");
                case 'ø' -> out.append('o');
                case 'đ' -> out.append('d');
                case 'ł' -> out.append('l');
                case 'ı' -> out.append('i');
                default -> out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /** Step 2 for one character: the letter a leet character stands for, or the character itself. */
    public static int leet(int c) {
        return switch (c) {
            case '0' -> 'o';
            case '3' -> 'e';
            case '4' -> 'a';
            case '5', '$' -> 's';
            case '@' -> 'a';
            case '7' -> 't';
            default -> c; // including '1', which stays L_OR_I
        };
    }

    /** Step 3: the core of a password or list entry; may be empty, may contain {@link #L_OR_I}. */
    public static String core(String text) {
        int[] folded = fold(text).codePoints().toArray();
        int first = 0;
        while (first < folded.length && !Character.isLetter(folded[first])) {
            first++;
        }
        int last = folded.length - 1;
        while (last >= first && !Character.isLetter(folded[last])) {
            last--;
        }
        StringBuilder core = new StringBuilder(Math.max(0, last - first + 1));
        for (int k = first; k <= last; k++) {
            if (isYearAt(folded, k)) {
                k += 3;
                continue;
            }
            int c = leet(folded[k]);
            if (Character.isLetterOrDigit(c)) {
                core.appendCodePoint(c);
            }
        }
        return core.toString();
    }

    /**
     * The terms a list entry contributes: its core once per reading of its 1s (l or i),
     * none when the core has fewer than {@code minLength} characters.
     */
    public static List<String> terms(String entry, int minLength) {
        if (isAlreadyTerm(entry)) {
            return entry.length() < minLength ? List.of() : List.of(entry);
        }
        String core = core(entry);
        if (core.codePointCount(0, core.length()) < minLength) {
            return List.of();
        }
        int ones = (int) core.chars().filter(c -> c == L_OR_I).count();
        if (ones == 0) {
            return List.of(core);
        }
        if (ones > MAX_MIXED_READINGS) {
            return List.of(core.replace(L_OR_I, 'l'), core.replace(L_OR_I, 'i'));
        }
        List<StringBuilder> readings = new ArrayList<>();
        readings.add(new StringBuilder());
        for (int i = 0; i < core.length(); i++) {
            char c = core.charAt(i);
            if (c == L_OR_I) {
                List<StringBuilder> both = new ArrayList<>(readings.size() * 2);
                for (StringBuilder r : readings) {
                    both.add(new StringBuilder(r).append('l'));
                    both.add(r.append('i'));
                }
                readings = both;
            } else {
                readings.forEach(r -> r.append(c));
            }
        }
        Set<String> distinct = new LinkedHashSet<>();
        readings.forEach(r -> distinct.add(r.toString()));
        return List.copyOf(distinct);
    }

    /**
     * The whole password as the points count reads it: folded, leet read as letters
     * ({@link #L_OR_I} kept for 1), the digits of years left as they are and their
     * positions marked; nothing removed, so every character still counts.
     */
    public static ScoringText scoringText(String password) {
        int[] folded = fold(password).codePoints().toArray();
        int[] symbols = new int[folded.length];
        boolean[] yearStarts = new boolean[folded.length];
        for (int k = 0; k < folded.length; k++) {
            if (isYearAt(folded, k)) {
                yearStarts[k] = true;
                System.arraycopy(folded, k, symbols, k, 4);
                k += 3;
            } else {
                symbols[k] = leet(folded[k]);
            }
        }
        return new ScoringText(symbols, yearStarts);
    }

    /** A password read for the points count: one symbol per character, and where years start. */
    public record ScoringText(int[] symbols, boolean[] yearStarts) {

        public int length() {
            return symbols.length;
        }

        public boolean yearAt(int k) {
            return yearStarts[k];
        }

        public String text(int from, int to) {
            return new String(symbols, from, to - from);
        }
    }

    /** Four ASCII digits 19xx or 20xx at {@code k}, with no ASCII digit just before or after. */
    static boolean isYearAt(int[] text, int k) {
        if (k + 4 > text.length) {
            return false;
        }
        boolean century = text[k] == '1' && text[k + 1] == '9' || text[k] == '2' && text[k + 1] == '0';
        return century && isAsciiDigit(text[k + 2]) && isAsciiDigit(text[k + 3])
                && (k == 0 || !isAsciiDigit(text[k - 1]))
                && (k + 4 == text.length || !isAsciiDigit(text[k + 4]));
    }

    /**
     * Fast path for the shipped lists: a-z and the digits that are not leet (2, 6, 8, 9),
     * starting and ending with a letter, is its own core (no year can hide in it, as a
     * year needs a 0 or a 1).
     */
    private static boolean isAlreadyTerm(String entry) {
        int n = entry.length();
        if (n == 0 || !isAsciiLetter(entry.charAt(0)) || !isAsciiLetter(entry.charAt(n - 1))) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = entry.charAt(i);
            if (!isAsciiLetter(c) && c != '2' && c != '6' && c != '8' && c != '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
