package fr.paris.casvp.keycloak.authenticators.support;

import org.keycloak.models.SingleUseObjectProvider;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Entries of Keycloak's single-use store (cluster-wide) that change during their life: a
 * code's wrong tries, a count per hour. The store's {@code put} takes a lifespan, but its
 * {@code replace} stores the entry again with the cache's default lifespan, which for
 * Keycloak 26's embedded {@code actionTokens} cache is "never". An entry that was replaced
 * once would then outlive its lifetime until the next restart. So these entries carry their
 * own end ({@value #EXPIRES_AT}, ms since 1970): past it they are gone, whatever the cache
 * still holds.
 */
public final class ExpiringEntries {

    static final String EXPIRES_AT = "expiresAt";
    private static final String COUNT = "count";

    private ExpiringEntries() {
    }

    /** Stores a new entry that ends {@code lifetime} from {@code now} (replacing any earlier one). */
    public static void start(SingleUseObjectProvider store, String key, Map<String, String> notes, Duration lifetime,
                             long now) {
        Map<String, String> stored = new HashMap<>(notes);
        stored.put(EXPIRES_AT, Long.toString(now + lifetime.toMillis()));
        store.put(key, Math.max(1, lifetime.toSeconds()), stored);
    }

    /**
     * The entry's notes while it lasts; empty when there is none or its end has passed (an
     * entry without an end, written by an earlier version, counts as ended). An ended entry
     * still in the cache is removed.
     */
    public static Optional<Map<String, String>> live(SingleUseObjectProvider store, String key, long now) {
        Map<String, String> notes = store.get(key);
        if (notes == null) {
            return Optional.empty();
        }
        if (now >= endOf(notes)) {
            store.remove(key);
            return Optional.empty();
        }
        return Optional.of(notes);
    }

    /**
     * Writes new notes for a live entry, keeping its end: {@code put} with what is left of its
     * lifespan, so that the cache forgets it in time too. Unconditional, so only for entries
     * that no other request removes on purpose (a count, not a code used once).
     */
    public static void rewrite(SingleUseObjectProvider store, String key, Map<String, String> live,
                               Map<String, String> changes, long now) {
        Map<String, String> stored = new HashMap<>(live);
        stored.putAll(changes);
        long end = endOf(live);
        stored.put(EXPIRES_AT, Long.toString(end));
        store.put(key, Math.max(1, (end - now + 999) / 1000), stored);
    }

    /**
     * Counts one more in the hour that began with the first one, across the cluster; false
     * (and nothing counted) once {@code limit} were counted in that hour.
     */
    public static boolean countWithinHour(SingleUseObjectProvider store, String key, int limit, long now) {
        Optional<Map<String, String>> counted = live(store, key, now);
        if (counted.isEmpty()) {
            start(store, key, Map.of(COUNT, "1"), Duration.ofHours(1), now);
            return true;
        }
        int count;
        try {
            count = Integer.parseInt(counted.get().getOrDefault(COUNT, "0"));
        } catch (NumberFormatException garbled) {
            count = limit;
        }
        if (count >= limit) {
            return false;
        }
        rewrite(store, key, counted.get(), Map.of(COUNT, Integer.toString(count + 1)), now);
        return true;
    }

    private static long endOf(Map<String, String> notes) {
        try {
            return Long.parseLong(notes.getOrDefault(EXPIRES_AT, "0"));
        } catch (NumberFormatException notAnEnd) {
            return 0;
        }
    }
}
