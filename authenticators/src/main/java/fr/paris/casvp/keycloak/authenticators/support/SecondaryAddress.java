package fr.paris.casvp.keycloak.authenticators.support;

import org.keycloak.models.UserModel;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The agent's secondary (recovery) address, read from a user attribute: the place to
 * reach them when the webmail is what is at stake. Only a plain single address counts.
 */
public final class SecondaryAddress {

    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[^\\s@<>,;\"()]{1,64}@[^\\s@<>,;\"()]{1,255}");

    private SecondaryAddress() {
    }

    public static Optional<String> of(UserModel user, String attribute) {
        return parse(user.getFirstAttribute(attribute));
    }

    static Optional<String> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String address = value.strip();
        return PLAIN_ADDRESS.matcher(address).matches() ? Optional.of(address) : Optional.empty();
    }
}
