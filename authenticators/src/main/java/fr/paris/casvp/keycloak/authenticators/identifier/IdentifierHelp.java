package fr.paris.casvp.keycloak.authenticators.identifier;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What agents type in the identifier field, made into what Keycloak looks up: spaces
 * around it removed, lower case, and an organisation mail domain removed
 * ("Camille.Martin@casvp.paris.fr " → "camille.martin"). Also says whether the
 * identifier has the expected format, so a refusal can remind the agent of it. That
 * hint depends on what was typed only, never on whether an account exists.
 */
public final class IdentifierHelp {

    private final List<String> domains;
    private final Pattern expectedFormat;

    private IdentifierHelp(List<String> domains, Pattern expectedFormat) {
        this.domains = domains;
        this.expectedFormat = expectedFormat;
    }

    /**
     * @param domains        mail domains to strip, separated by commas ("@casvp.paris.fr, paris.fr")
     * @param expectedFormat a Java regular expression the whole identifier should match; empty for none
     * @throws IllegalArgumentException when the expression is not valid
     */
    public static IdentifierHelp of(String domains, String expectedFormat) {
        List<String> suffixes = domains == null ? List.of() : Arrays.stream(domains.split("[,;\\s]+"))
                .map(d -> d.trim().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .map(d -> d.startsWith("@") ? d : "@" + d)
                .toList();
        Pattern pattern = null;
        if (expectedFormat != null && !expectedFormat.isBlank()) {
            try {
                pattern = Pattern.compile(expectedFormat.trim());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription(), e);
            }
        }
        return new IdentifierHelp(suffixes, pattern);
    }

    /** The identifier to look up, or null when nothing was typed. */
    public String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        String identifier = typed.strip().toLowerCase(Locale.ROOT);
        for (String domain : domains) {
            if (identifier.endsWith(domain) && identifier.length() > domain.length()) {
                return identifier.substring(0, identifier.length() - domain.length());
            }
        }
        return identifier;
    }

    /** Whether to remind the agent of the expected format (never when no format is set). */
    public boolean deservesAHint(String identifier) {
        return expectedFormat != null && identifier != null && !identifier.isEmpty()
                && !expectedFormat.matcher(identifier).matches();
    }
}
