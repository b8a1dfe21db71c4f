package fr.paris.casvp.keycloak.passwordpolicy.entropy;

import java.text.Normalizer;

/**
 * Password strength by the CNIL formula (délibération 2022-100): E = L × log2(N),
 * where L is the length in characters and N the size of the alphabet, the sum of
 * the character classes present: 26 lower-case letters, 26 upper-case letters,
 * 10 digits and 37 other characters.
 *
 * <p>The password is NFC-normalised first so that "é" typed as one or two code
 * points counts the same. Letters outside a–z/A–Z (accents, other scripts), spaces
 * and symbols all count in the "other characters" class. Length is counted in
 * Unicode code points, never truncated.
 */
public final class CnilEntropy {

    static final int LOWER_CASE = 26;
    static final int UPPER_CASE = 26;
    static final int DIGITS = 10;
    static final int OTHER = 37;

    private CnilEntropy() {
    }

    /** Entropy in bits, rounded down; 0 for an empty password. */
    public static int bits(String password) {
        String normalised = Normalizer.normalize(password, Normalizer.Form.NFC);
        int length = normalised.codePointCount(0, normalised.length());
        int alphabet = alphabetSize(normalised);
        if (length == 0 || alphabet == 0) {
            return 0;
        }
        return (int) Math.floor(length * (Math.log(alphabet) / Math.log(2)));
    }

    /** N in the formula: the sum of the sizes of the classes the password uses. */
    static int alphabetSize(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? LOWER_CASE : 0) + (upper ? UPPER_CASE : 0) + (digit ? DIGITS : 0) + (other ? OTHER : 0);
    }
}
