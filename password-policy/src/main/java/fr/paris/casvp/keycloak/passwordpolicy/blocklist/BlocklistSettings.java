package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import fr.paris.casvp.keycloak.passwordpolicy.support.PolicySettings;
import org.keycloak.policy.PasswordPolicyConfigException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a realm admin chose for {@code casvp-blocklist}, from the policy value, e.g.
 * {@code lists=common+french+names+organisation,minPoints=5}, or just {@code 6} for the
 * points threshold (like Keycloak's {@code length(12)}).
 *
 * @param lists     list names joined by {@code +} in the value; {@code all} (the default)
 *                  means every shipped and extra list
 * @param minPoints fewest points a password containing listed terms must score, 0 to
 *                  {@value #MAX_MIN_POINTS}; 0 turns the points count off
 */
record BlocklistSettings(List<String> lists, int minPoints) implements Serializable {

    static final String LISTS = "lists";
    static final String MIN_POINTS = "minPoints";
    static final int DEFAULT_MIN_POINTS = 5;
    static final int MAX_MIN_POINTS = 32;
    static final String DEFAULT_VALUE = LISTS + "=" + Blocklists.ALL + "," + MIN_POINTS + "=" + DEFAULT_MIN_POINTS;

    private static final Set<String> KEYS = new LinkedHashSet<>(List.of(LISTS, MIN_POINTS));

    /** What applies where the realm has no value of its own: every list, so no name to check. */
    static final BlocklistSettings DEFAULTS = parse(DEFAULT_VALUE, Set.of());

    BlocklistSettings {
        lists = List.copyOf(lists);
    }

    /**
     * Reads and checks an admin's value; {@code available} are the list names the
     * factory loaded. Every mistake is a {@link PasswordPolicyConfigException} whose
     * message names the policy and the setting.
     */
    static BlocklistSettings parse(String value, Set<String> available) {
        PolicySettings settings = PolicySettings.parse(BlocklistPasswordPolicyProviderFactory.ID, value,
                MIN_POINTS, KEYS);
        int minPoints = settings.integer(MIN_POINTS, DEFAULT_MIN_POINTS, 0, MAX_MIN_POINTS);
        List<String> lists = new ArrayList<>();
        for (String part : settings.string(LISTS, Blocklists.ALL).split("\\+", -1)) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new PasswordPolicyConfigException(BlocklistPasswordPolicyProviderFactory.ID
                        + ": lists has an empty name; write names joined by +, e.g. common+french");
            }
            if (!name.equals(Blocklists.ALL) && !available.contains(name)) {
                throw new PasswordPolicyConfigException(BlocklistPasswordPolicyProviderFactory.ID
                        + ": unknown list '" + name + "'; available: " + Blocklists.ALL + ", "
                        + String.join(", ", available));
            }
            if (!lists.contains(name)) {
                lists.add(name);
            }
        }
        return new BlocklistSettings(lists.contains(Blocklists.ALL) ? List.of(Blocklists.ALL) : lists, minPoints);
    }
}
