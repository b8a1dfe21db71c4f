package fr.paris.casvp.keycloak.benchmarks;

import fr.paris.casvp.keycloak.passwordpolicy.breached.BreachedPasswordPolicyProviderFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code casvp-breached} in offline mode on files of 1 and 10 million hashes: one check per
 * call, half of them breached passwords (found), half not, in random order, through the
 * policy as Keycloak calls it (NFC, SHA-1, memory-mapped lookup). The target is p99 ≤ 50 µs
 * whatever the size. The files are built once in {@link BreachedFiles#dataDir()} and reused.
 * The heap the files take is measured apart ({@link HeapFootprint}), outside JMH.
 */
public class OfflineBreachedLookupBenchmark extends PasswordCheckBenchmark {

    static final int LOOKUPS = 1 << 16;

    @Param({"1000000", "10000000"})
    public int hashes;

    private final BreachedPasswordPolicyProviderFactory factory = new BreachedPasswordPolicyProviderFactory();
    private PasswordPolicyProvider breached;
    private RealmModel realm;

    @Setup(Level.Trial)
    public void setUp() {
        Path file = BreachedFiles.sized(hashes);
        factory.init(StandInKeycloak.configScope(Map.of()));
        StandInKeycloak keycloak = new StandInKeycloak(List.of(factory))
                .policy("casvp-breached(file=" + file + ",onError=accept)");
        breached = keycloak.provider(BreachedPasswordPolicyProviderFactory.ID);
        realm = keycloak.realm();
        String[] lookups = lookups(hashes);
        inTurn(List.of(lookups));
        for (int i = 0; i < 64; i++) {
            boolean refused = breached.validate(realm, StandInKeycloak.AGENT, lookups[i]) != null;
            if (refused != (i % 2 == 0)) {
                throw new IllegalStateException("the offline file does not answer as built: " + file);
            }
        }
    }

    /** Even positions: passwords in the file; odd: passwords that are not. */
    static String[] lookups(int hashes) {
        Random random = new Random(MixedPasswords.SEED);
        String[] lookups = new String[LOOKUPS];
        for (int i = 0; i < LOOKUPS; i++) {
            lookups[i] = i % 2 == 0 ? BreachedFiles.presentPassword(random.nextInt(hashes))
                    : "absent-" + Long.toHexString(random.nextLong());
        }
        return lookups;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        factory.close();
    }

    /** One offline breached check: half found, half not. */
    @Benchmark
    public PolicyError offlineLookup() {
        return breached.validate(realm, StandInKeycloak.AGENT, nextPassword());
    }
}
