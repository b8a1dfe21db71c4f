package fr.paris.casvp.keycloak.authenticators.recovery;

import org.keycloak.models.SingleUseObjectProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Keycloak 26's single-use store as its embedded Infinispan cache ({@code actionTokens}, no
 * default lifespan) behaves, on a clock the test moves: {@code put} keeps the entry for the
 * given lifespan, {@code replace} stores it again with the cache's default lifespan, i.e.
 * for ever. (Checked against the distribution's Infinispan 16.0.14: after
 * {@code replace(key, value)} an entry put with a 2 s lifespan has lifespan -1.)
 */
final class CacheLikeSingleUseStore implements SingleUseObjectProvider {

    private record Entry(Map<String, String> notes, long endsAt) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    long now;

    CacheLikeSingleUseStore(long now) {
        this.now = now;
    }

    void advanceMinutes(long minutes) {
        now += minutes * 60_000;
    }

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        entries.put(key, new Entry(Map.copyOf(notes), now + lifespanSeconds * 1000));
    }

    @Override
    public Map<String, String> get(String key) {
        Entry entry = entries.get(key);
        if (entry != null && now >= entry.endsAt()) {
            entries.remove(key);
            return null;
        }
        return entry == null ? null : entry.notes();
    }

    @Override
    public Map<String, String> remove(String key) {
        Map<String, String> notes = get(key);
        entries.remove(key);
        return notes;
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        if (get(key) == null) {
            return false;
        }
        entries.put(key, new Entry(Map.copyOf(notes), Long.MAX_VALUE));
        return true;
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        if (get(key) != null) {
            return false;
        }
        put(key, lifespanInSeconds, Map.of());
        return true;
    }

    @Override
    public boolean contains(String key) {
        return get(key) != null;
    }

    @Override
    public void close() {
        // nothing held
    }
}
