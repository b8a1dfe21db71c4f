package fr.paris.casvp.keycloak.passwordpolicy.support;

import org.keycloak.policy.PasswordPolicyConfigException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The value an admin types for a bundle policy in the realm's password policy, as
 * {@code key=value} pairs separated by commas, e.g. {@code bits=80} or
 * {@code url=https://api.pwnedpasswords.com/range/,timeout=2000,onError=accept}.
 * A bare value (no {@code =}) is the policy's main setting, so {@code casvp-entropy(50)}
 * reads like Keycloak's own {@code length(12)}.
 *
 * <p>Every problem is a {@link PasswordPolicyConfigException}: the admin console shows
 * its message when the policy is saved, never at sign-in.
 */
public final class PolicySettings {

    private final String policyId;
    private final Map<String, String> values;

    private PolicySettings(String policyId, Map<String, String> values) {
        this.policyId = policyId;
        this.values = values;
    }

    /**
     * Parses {@code text}; {@code mainKey} receives a bare value; keys outside
     * {@code allowedKeys} are refused so that a typo is not silently ignored.
     */
    public static PolicySettings parse(String policyId, String text, String mainKey, Set<String> allowedKeys) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                String item = part.trim();
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                String key = eq < 0 ? mainKey : item.substring(0, eq).trim();
                String value = eq < 0 ? item : item.substring(eq + 1).trim();
                if (key == null || !allowedKeys.contains(key)) {
                    throw new PasswordPolicyConfigException(policyId + ": unknown setting '" + key
                            + "'; allowed: " + String.join(", ", allowedKeys));
                }
                if (values.put(key, value) != null) {
                    throw new PasswordPolicyConfigException(policyId + ": '" + key + "' is given twice");
                }
            }
        }
        return new PolicySettings(policyId, Collections.unmodifiableMap(values));
    }

    public String string(String key, String defaultValue) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? defaultValue : value;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new PasswordPolicyConfigException(policyId + ": " + key + " must be between " + min
                        + " and " + max + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new PasswordPolicyConfigException(policyId + ": " + key + " must be a whole number, not '"
                    + value + "'");
        }
    }

    public boolean flag(String key, boolean defaultValue) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no")) {
            return false;
        }
        throw new PasswordPolicyConfigException(policyId + ": " + key + " must be true or false, not '" + value + "'");
    }

    /** One of {@code choices} (case-insensitive), returned as written in {@code choices}. */
    public String choice(String key, String defaultValue, Set<String> choices) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        return choices.stream().filter(c -> c.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new PasswordPolicyConfigException(policyId + ": " + key + " must be one of "
                        + String.join(", ", choices) + ", not '" + value + "'"));
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }
}
