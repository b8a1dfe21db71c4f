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

    static final String BITS = "bits";
    static final String MIN = "min";
    static final String MAX = "max";

    static final int DEFAULT_BITS = 80;
    static final int DEFAULT_MIN_LENGTH = 12;
    static final int DEFAULT_MAX_LENGTH = 128;

    /** The value the admin console proposes when the policy is added. */
    static final String DEFAULT_VALUE = BITS + "=" + DEFAULT_BITS + "," + MIN + "=" + DEFAULT_MIN_LENGTH + ","
            + MAX + "=" + DEFAULT_MAX_LENGTH;
    /** What applies where the realm has no value of its own. */
    static final EntropyPolicyConfig DEFAULTS = parse(null);

    static EntropyPolicyConfig parse(String value) {
        PolicySettings settings = PolicySettings.parse(EntropyPasswordPolicyProviderFactory.ID, value, BITS,
                Set.of(BITS, MIN, MAX));
        int bits = settings.integer(BITS, DEFAULT_BITS, 1, 1024);
        int min = settings.integer(MIN, DEFAULT_MIN_LENGTH, 1, 1024);
        int max = settings.integer(MAX, DEFAULT_MAX_LENGTH, 8, 1024);
        if (min > max) {
            throw new PasswordPolicyConfigException(EntropyPasswordPolicyProviderFactory.ID
                    + ": " + MIN + " (" + min + ") is greater than " + MAX + " (" + max + ")");
        }
        return new EntropyPolicyConfig(bits, min, max);
    }
}
