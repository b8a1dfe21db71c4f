package fr.paris.casvp.keycloak.benchmarks;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The passwords every policy benchmark checks: a fixed, seeded mix of what agents type,
 * generated in code (no file, no network) so that every run checks the same ones.
 * Four kinds in equal shares, shuffled so that consecutive checks differ:
 * <ul>
 *   <li>passphrases: 3 to 6 French or English words, sometimes with a number
 *       ("lanterne verte sur le quai 7");</li>
 *   <li>common-looking passwords: a well-known word or name with capitals, leet, a year or
 *       two digits and a symbol ("S0l3il1987!", "Azerty2024*");</li>
 *   <li>random strings of printable ASCII, 8 to 32 characters;</li>
 *   <li>long Unicode passwords: 40 to 128 characters mixing accented Latin (some typed
 *       decomposed, so normalisation has work), Greek, Cyrillic, Arabic, CJK and emoji.</li>
 * </ul>
 */
final class MixedPasswords {

    static final int DEFAULT_COUNT = 10_000;
    static final long SEED = 20_260_101L;

    private static final String[] WORDS = {
        "lanterne", "verte", "sur", "le", "quai", "cheval", "correct", "pile", "agrafe", "soleil",
        "riviere", "montagne", "bleu", "rouge", "jardin", "velo", "cour", "registre", "ancien", "bureau",
        "printemps", "hiver", "nuage", "orange", "citron", "fenetre", "porte", "escalier", "marche", "ville",
        "mairie", "bibliotheque", "papillon", "tortue", "renard", "loup", "chouette", "pont", "canal", "seine",
        "horse", "battery", "staple", "purple", "monkey", "dishwasher", "galaxy", "pencil", "violin", "thunder",
        "café", "été", "forêt", "châtaigne", "noël", "garçon", "lumière", "fraîcheur", "où", "déjà"
    };
    private static final String[] COMMON = {
        "soleil", "marseille", "chocolat", "azerty", "password", "motdepasse", "bonjour", "camille", "paris",
        "football", "loulou", "doudou", "qwerty", "nicolas", "julien", "thomas", "amandine", "princesse",
        "celine", "coucou", "marion", "chouchou", "vacances", "liberte", "casvp", "mairie", "iloveyou",
        "dragon", "sunshine", "monkey", "welcome", "admin", "qwertz", "123456", "abc123", "aaaaaa"
    };
    private static final String SYMBOLS = "!.*#$@?&-_";
    private static final int[][] UNICODE_BLOCKS = {
        {0x00E0, 0x00FF},   // accented Latin
        {0x0391, 0x03C9},   // Greek
        {0x0410, 0x044F},   // Cyrillic
        {0x0627, 0x064A},   // Arabic letters
        {0x4E00, 0x4FFF},   // CJK
        {0x1F300, 0x1F5FF}, // emoji (surrogate pairs)
        {0x0061, 0x007A},   // a-z, so words are not all exotic
    };

    private MixedPasswords() {
    }

    /** {@code count} passwords from {@link #SEED}: the same list on every run and machine. */
    static List<String> generate(int count) {
        Random random = new Random(SEED);
        List<String> passwords = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            passwords.add(switch (i % 4) {
                case 0 -> passphrase(random);
                case 1 -> commonLooking(random);
                case 2 -> randomAscii(random);
                default -> longUnicode(random);
            });
        }
        Collections.shuffle(passwords, random);
        return List.copyOf(passwords);
    }

    private static String passphrase(Random random) {
        int words = 3 + random.nextInt(4);
        String separator = switch (random.nextInt(4)) {
            case 0, 1 -> " ";
            case 2 -> "-";
            default -> "";
        };
        StringBuilder phrase = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                phrase.append(separator);
            }
            String word = WORDS[random.nextInt(WORDS.length)];
            phrase.append(random.nextInt(5) == 0 ? capitalised(word) : word);
        }
        if (random.nextBoolean()) {
            phrase.append(separator.isEmpty() ? " " : separator).append(random.nextInt(100));
        }
        return phrase.toString();
    }

    private static String commonLooking(Random random) {
        String word = COMMON[random.nextInt(COMMON.length)];
        if (random.nextInt(3) > 0) {
            word = capitalised(word);
        }
        if (random.nextBoolean()) {
            word = leet(word, random);
        }
        StringBuilder password = new StringBuilder(word);
        switch (random.nextInt(4)) {
            case 0 -> password.append(1950 + random.nextInt(77));
            case 1 -> password.append(String.format(Locale.ROOT, "%02d", random.nextInt(100)));
            case 2 -> password.append(word.toLowerCase(Locale.ROOT)); // the same word twice
            default -> password.append(1950 + random.nextInt(77)).append(random.nextInt(10));
        }
        int symbols = random.nextInt(3);
        for (int s = 0; s < symbols; s++) {
            password.append(SYMBOLS.charAt(random.nextInt(SYMBOLS.length())));
        }
        return password.toString();
    }

    private static String randomAscii(Random random) {
        int length = 8 + random.nextInt(25);
        StringBuilder password = new StringBuilder(length);
        for (int c = 0; c < length; c++) {
            password.append((char) (' ' + random.nextInt(95))); // printable ASCII, space included
        }
        return password.toString();
    }

    private static String longUnicode(Random random) {
        int length = 40 + random.nextInt(89);
        StringBuilder password = new StringBuilder(length * 2);
        int[] block = UNICODE_BLOCKS[random.nextInt(UNICODE_BLOCKS.length)];
        for (int c = 0; c < length; c++) {
            if (random.nextInt(8) == 0) {
                block = UNICODE_BLOCKS[random.nextInt(UNICODE_BLOCKS.length)];
            }
            if (random.nextInt(10) == 0) {
                password.append(' ');
                continue;
            }
            int codePoint = block[0] + random.nextInt(block[1] - block[0] + 1);
            if (codePoint == 0x00F7) {
                codePoint = 0x00E9; // "÷" is no letter
            }
            password.appendCodePoint(codePoint);
        }
        String text = password.toString();
        // One in three typed decomposed ("e" + combining accent), as some keyboards send it.
        return random.nextInt(3) == 0 ? Normalizer.normalize(text, Normalizer.Form.NFD) : text;
    }

    private static String capitalised(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static String leet(String word, Random random) {
        StringBuilder leet = new StringBuilder(word.length());
        for (char c : word.toCharArray()) {
            char swapped = switch (Character.toLowerCase(c)) {
                case 'a' -> random.nextBoolean() ? '@' : '4';
                case 'e' -> '3';
                case 'i' -> '1';
                case 'o' -> '0';
                case 's' -> random.nextBoolean() ? '$' : '5';
                case 't' -> '7';
                default -> c;
            };
            leet.append(random.nextInt(4) == 0 ? c : swapped);
        }
        return leet.toString();
    }
}
