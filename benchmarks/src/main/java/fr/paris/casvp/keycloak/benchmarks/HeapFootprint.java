package fr.paris.casvp.keycloak.benchmarks;

import fr.paris.casvp.keycloak.passwordpolicy.blocklist.BlocklistPasswordPolicyProviderFactory;
import fr.paris.casvp.keycloak.passwordpolicy.breached.BreachedPasswordPolicyProviderFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.policy.DenylistPasswordPolicyProviderFactory;
import org.keycloak.policy.PasswordPolicyProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Heap that a feature keeps, measured in the running JVM without an agent: used heap
 * (MemoryMXBean) after full collections, before and after the feature is set up and used,
 * with a reference kept across the second measure. Each measure is repeated and the median
 * kept; a first, unmeasured round loads the classes, so only the feature's own objects count.
 * Good to a few KiB: enough to tell "a few KiB" from "megabytes".
 */
final class HeapFootprint {

    private static final int REPEATS = 5;
    private static final int LOOKUPS = 100_000;

    private HeapFootprint() {
    }

    /** Heap held by the breached policy with an offline file open and used. */
    record OfflineFileHeap(int hashes, long fileBytes, long heapBytes) {
    }

    /** For each size: open the file through the policy, check {@value #LOOKUPS} passwords. */
    static List<OfflineFileHeap> offlineFiles(List<Integer> sizes) {
        List<Path> files = new ArrayList<>();
        for (int hashes : sizes) {
            files.add(BreachedFiles.sized(hashes));
        }
        offlineFileHeap(files.get(0), sizes.get(0)); // class loading, JIT, caches: not counted
        List<OfflineFileHeap> results = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            long[] deltas = new long[REPEATS];
            for (int r = 0; r < REPEATS; r++) {
                deltas[r] = offlineFileHeap(files.get(i), sizes.get(i));
            }
            try {
                results.add(new OfflineFileHeap(sizes.get(i), Files.size(files.get(i)), median(deltas)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return results;
    }

    private static long offlineFileHeap(Path file, int hashes) {
        String[] lookups = OfflineBreachedLookupBenchmark.lookups(hashes);
        BreachedPasswordPolicyProviderFactory factory = new BreachedPasswordPolicyProviderFactory();
        factory.init(StandInKeycloak.configScope(Map.of()));
        try {
            StandInKeycloak keycloak = new StandInKeycloak(List.of(factory));
            keycloak.provider(BreachedPasswordPolicyProviderFactory.ID);
            long before = usedHeapAfterGc();
            // What a server does: the admin saves the policy (the file is opened), agents change passwords.
            PasswordPolicyProvider breached = keycloak.policy("casvp-breached(file=" + file + ",onError=accept)")
                    .provider(BreachedPasswordPolicyProviderFactory.ID);
            RealmModel realm = keycloak.realm();
            int refused = 0;
            for (int i = 0; i < LOOKUPS; i++) {
                String password = lookups[i & (lookups.length - 1)];
                refused += breached.validate(realm, StandInKeycloak.AGENT, password) != null ? 1 : 0;
            }
            long after = usedHeapAfterGc();
            Reference.reachabilityFence(keycloak);
            Reference.reachabilityFence(lookups);
            if (refused != LOOKUPS / 2) {
                throw new IllegalStateException("the offline file does not answer as built: " + file);
            }
            return after - before;
        } finally {
            factory.close();
        }
    }

    /** Heap of casvp-blocklist's lists against Keycloak's passwordBlacklist Bloom filter, same words. */
    record BlocklistHeap(int words, long blocklistBytes, long passwordBlacklistBytes) {
        double ratio() {
            return (double) blocklistBytes / passwordBlacklistBytes;
        }
    }

    /**
     * Each policy set up as a server does it (factory initialised at start-up, policy saved
     * in a realm, a few passwords checked), the heap it keeps measured as above.
     */
    static BlocklistHeap blocklistVsPasswordBlacklist() {
        Path dir;
        try {
            dir = Files.createTempDirectory("casvp-bench-heap-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            int words = BlocklistWords.writeTo(dir);
            blocklistHeap();          // class loading: not counted
            passwordBlacklistHeap(dir);
            long[] blocklist = new long[REPEATS];
            long[] bloom = new long[REPEATS];
            for (int r = 0; r < REPEATS; r++) {
                blocklist[r] = blocklistHeap();
                bloom[r] = passwordBlacklistHeap(dir);
            }
            return new BlocklistHeap(words, median(blocklist), median(bloom));
        } finally {
            BreachedFiles.deleteQuietly(dir.resolve(BlocklistWords.FILE_NAME));
            BreachedFiles.deleteQuietly(dir);
        }
    }

    private static long blocklistHeap() {
        BlocklistPasswordPolicyProviderFactory factory = new BlocklistPasswordPolicyProviderFactory();
        long before = usedHeapAfterGc();
        factory.init(StandInKeycloak.configScope(Map.of()));
        StandInKeycloak keycloak = new StandInKeycloak(List.of(factory));
        PasswordPolicyProvider blocklist = keycloak.policy(PasswordPolicyBenchmark.BLOCKLIST_POLICY)
                .provider(BlocklistPasswordPolicyProviderFactory.ID);
        checkSome(keycloak.realm(), blocklist);
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(keycloak);
        factory.close();
        return after - before;
    }

    private static long passwordBlacklistHeap(Path dir) {
        DenylistPasswordPolicyProviderFactory factory = new DenylistPasswordPolicyProviderFactory();
        long before = usedHeapAfterGc();
        StandInKeycloak keycloak = KeycloakPasswordBlacklistBenchmark.keycloakPasswordBlacklist(factory, dir);
        checkSome(keycloak.realm(), keycloak.provider(DenylistPasswordPolicyProviderFactory.ID));
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(keycloak);
        Reference.reachabilityFence(factory);
        factory.close();
        return after - before;
    }

    private static void checkSome(RealmModel realm, PasswordPolicyProvider policy) {
        for (String password : List.of("Soleil2024!", "lanterne verte sur le quai 7", "k7#Vq9!mZ2pLs")) {
            policy.validate(realm, StandInKeycloak.AGENT, password);
        }
    }

    /** Used heap after full collections (System.gc() is a full collection with the default G1). */
    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
