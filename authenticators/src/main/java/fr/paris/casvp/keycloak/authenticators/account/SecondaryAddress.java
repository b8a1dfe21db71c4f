package fr.paris.casvp.keycloak.authenticators.account;

import org.keycloak.models.UserModel;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The agent's secondary (recovery) address, read from a user attribute: the place to
 * reach them when the webmail is what is at stake. Only a plain single address counts,
 * and only once the agent proved they read it: the attribute "{@code <name>Verified}"
 * holds the address a one-time code was confirmed from. An address typed in the account
 * console (or set by an admin) is not used until it is verified.
 */
public final class SecondaryAddress {

    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[^\\s@<>,;\"()]{1,64}@[^\\s@<>,;\"()]{1,255}");

    private SecondaryAddress() {
    }

    /** The verified recovery address, if the agent has one. */
    public static Optional<String> of(UserModel user, String attribute) {
        Optional<String> typed = typed(user, attribute);
        Optional<String> verified = parse(user.getFirstAttribute(verifiedAttribute(attribute)));
        return typed.filter(address -> verified.map(v -> sameAddress(v, address)).orElse(false));
    }

    /** The address as typed, verified or not. */
    public static Optional<String> typed(UserModel user, String attribute) {
        return parse(user.getFirstAttribute(attribute));
    }

    /** The address that was verified last (it may since have been replaced by an unverified one). */
    public static Optional<String> lastVerified(UserModel user, String attribute) {
        return parse(user.getFirstAttribute(verifiedAttribute(attribute)));
    }

    /** Records that the agent proved they read this address, and makes it their recovery address. */
    public static void markVerified(UserModel user, String attribute, String address) {
        user.setSingleAttribute(attribute, address);
        user.setSingleAttribute(verifiedAttribute(attribute), address);
    }

    public static String verifiedAttribute(String attribute) {
        return attribute + "Verified";
    }

    public static boolean sameAddress(String one, String other) {
        return one != null && other != null
                && one.strip().toLowerCase(Locale.ROOT).equals(other.strip().toLowerCase(Locale.ROOT));
    }

    public static Optional<String> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String address = value.strip();
        return PLAIN_ADDRESS.matcher(address).matches() ? Optional.of(address) : Optional.empty();
    }

    /** c*****e@example.org: enough for the agent to recognise it, not to learn it. */
    public static String mask(String address) {
        int at = address.indexOf('@');
        if (at <= 1) {
            return "*" + address.substring(Math.max(at, 0));
        }
        return address.charAt(0) + "*****" + address.charAt(at - 1) + address.substring(at);
    }
}
