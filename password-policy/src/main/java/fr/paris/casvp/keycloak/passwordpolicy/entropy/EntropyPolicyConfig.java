package fr.paris.casvp.keycloak.passwordpolicy.entropy;

import fr.paris.casvp.keycloak.passwordpolicy.support.PolicySettings;
import org.keycloak.policy.PasswordPolicyConfigException;

import java.util.Set;

/**
 * Settings of {@code casvp-entropy}: {@code bits} (CNIL floor; 80 by default, 50 is
 * the CNIL "case 2" value for realms where lockout is on), {@code min} and {@code max}
 * length in characters (12 and 128).
 */
record EntropyPolicyConfig(int bits, int minLength, int maxLength) {

    static final int DEFAULT_BITS = 80;
    static final int DEFAULT_MIN_LENGTH = 12;
    static final int DEFAULT_MAX_LENGTH = 128;

    static EntropyPolicyConfig parse(String value) {
        PolicySettings settings = PolicySettings.parse(EntropyPasswordPolicyProviderFactory.ID, value, "bits",
                Set.of("bits", "min", "max"));
        int bits = settings.integer("bits", DEFAULT_BITS, 1, 1024);
        int min = settings.integer("min", DEFAULT_MIN_LENGTH, 1, 1024);
        int max = settings.integer("max", DEFAULT_MAX_LENGTH, 8, 1024);
        if (min > max) {
            throw new PasswordPolicyConfigException(EntropyPasswordPolicyProviderFactory.ID
                    + ": min (" + min + ") is greater than max (" + max + ")");
        }
        return new EntropyPolicyConfig(bits, min, max);
    }
}
