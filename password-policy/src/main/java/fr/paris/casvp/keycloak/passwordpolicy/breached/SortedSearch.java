package fr.paris.casvp.keycloak.passwordpolicy.breached;

import java.util.function.LongToIntFunction;

/**
 * Binary search over sorted entries, the one lookup of both breach sources: the suffixes of a
 * range answer ({@link BreachedRangeClient}) and the records of an offline file
 * ({@link OfflineBreachedHashes}), which differ only in how an entry is compared.
 */
final class SortedSearch {

    private SortedSearch() {
    }

    /**
     * Whether an entry at positions {@code low} to {@code high} (inclusive) equals the key;
     * {@code compareAt} compares the entry at a position with the key, as {@code compareTo}.
     */
    static boolean contains(long low, long high, LongToIntFunction compareAt) {
        while (low <= high) {
            long mid = (low + high) >>> 1;
            int comparison = compareAt.applyAsInt(mid);
            if (comparison < 0) {
                low = mid + 1;
            } else if (comparison > 0) {
                high = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
