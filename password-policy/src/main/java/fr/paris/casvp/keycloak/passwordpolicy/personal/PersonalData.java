package fr.paris.casvp.keycloak.passwordpolicy.personal;

import fr.paris.casvp.keycloak.passwordpolicy.blocklist.PasswordNormaliser;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an attacker who knows the agent would try: identifier, mail address, first and
 * last names (alone, together in either order, reversed), read the way the blocklist
 * reads passwords (case, accents and leet folded, separators ignored), and a birth year.
 */
final class PersonalData {

    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(19|20)\\d\\d(?!\\d)");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Set<String> terms = new LinkedHashSet<>();
    private final Set<String> years = new LinkedHashSet<>();

    /** Builds the terms of one user; null values are simply absent. */
    PersonalData(String username, String email, String firstName, String lastName, String birthValue, int minLength) {
        addWithParts(username, minLength);
        if (email != null && email.indexOf('@') > 0) {
            addWithParts(email.substring(0, email.indexOf('@')), minLength);
        }
        String first = squash(firstName);
        String last = squash(lastName);
        addWithParts(firstName, minLength);
        addWithParts(lastName, minLength);
        if (!first.isEmpty() && !last.isEmpty()) {
            add(first + last, minLength);
            add(last + first, minLength);
        }
        if (birthValue != null) {
            Matcher year = YEAR.matcher(birthValue);
            while (year.find()) {
                years.add(year.group());
            }
        }
    }

    private void addWithParts(String value, int minLength) {
        if (value == null || value.isBlank()) {
            return;
        }
        add(squash(value), minLength);
        for (String part : SEPARATORS.split(PasswordNormaliser.fold(value))) {
            add(squash(part.replaceAll("\\d+$", "")), minLength);
        }
    }

    private void add(String term, int minLength) {
        if (term.codePointCount(0, term.length()) >= minLength) {
            terms.add(term);
            terms.add(new StringBuilder(term).reverse().toString());
        }
    }

    /** Folded, leet read as letters ("1" kept as l-or-i), separators removed. */
    static String squash(String text) {
        if (text == null) {
            return "";
        }
        String folded = PasswordNormaliser.fold(text);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().map(PasswordNormaliser::leet)
                .filter(Character::isLetterOrDigit)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** The first piece of personal data found in the password, or null. */
    String foundIn(String password) {
        String squashed = squash(password);
        for (String term : terms) {
            if (containsLeniently(squashed, term)) {
                return term;
            }
        }
        return null;
    }

    /** A birth year written in the password, or null. */
    String birthYearIn(String password) {
        for (String year : years) {
            if (password.contains(year)) {
                return year;
            }
        }
        return null;
    }

    /** Substring search where a "1" typed in the password stands for l or i. */
    static boolean containsLeniently(String text, String term) {
        outer:
        for (int start = 0; start + term.length() <= text.length(); start++) {
            for (int i = 0; i < term.length(); i++) {
                char typed = text.charAt(start + i);
                char wanted = term.charAt(i);
                boolean same = typed == wanted
                        || (typed == PasswordNormaliser.L_OR_I && (wanted == 'l' || wanted == 'i'));
                if (!same) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    Set<String> terms() {
        return terms;
    }
}
