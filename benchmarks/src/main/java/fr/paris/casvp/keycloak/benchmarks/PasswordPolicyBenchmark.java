package fr.paris.casvp.keycloak.benchmarks;

import fr.paris.casvp.keycloak.passwordpolicy.blocklist.BlocklistPasswordPolicyProviderFactory;
import fr.paris.casvp.keycloak.passwordpolicy.breached.BreachedPasswordPolicyProviderFactory;
import fr.paris.casvp.keycloak.passwordpolicy.entropy.EntropyPasswordPolicyProviderFactory;
import fr.paris.casvp.keycloak.passwordpolicy.personal.PersonalPasswordPolicyProviderFactory;
import fr.paris.casvp.keycloak.passwordpolicy.sequence.SequencePasswordPolicyProviderFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;
import org.keycloak.policy.PolicyError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Time to judge one new password, per bundle policy and for the whole bundle chain, over
 * the {@link MixedPasswords} (10 000, seeded): each call checks the next password of the
 * list for the same agent ({@link StandInKeycloak#AGENT}), as the update-password page
 * does, so the percentiles are those of single checks across the mix. The policies run
 * through the real factories and Keycloak's own policy parser and chain
 * ({@link StandInKeycloak}); {@code casvp-breached} reads a small offline file built in
 * {@link #setUp()} (never HTTP). Compare with {@link KeycloakArgon2Benchmark}, the hash
 * Keycloak computes for the same password right after.
 */
public class PasswordPolicyBenchmark extends PasswordCheckBenchmark {

    /** casvp-blocklist as the casvp realm sets it. */
    static final String BLOCKLIST_POLICY = "casvp-blocklist(lists=all,minPoints=5)";
    /** The bundle's policies as the casvp realm sets them, breached in offline mode. */
    static final String BUNDLE_POLICY = "casvp-entropy(bits=80,min=12,max=128) and casvp-sequence(4)"
            + " and casvp-personal(minLength=4,birthYearAttribute=birthdate) and " + BLOCKLIST_POLICY
            + " and casvp-breached(file=%s,onError=accept)";

    private final PasswordPolicyFactories factories = new PasswordPolicyFactories();
    private Path dir;
    private PasswordPolicyProvider entropy;
    private PasswordPolicyProvider sequence;
    private PasswordPolicyProvider personal;
    private PasswordPolicyProvider blocklist;
    private PasswordPolicyProvider breached;
    private PasswordPolicyManagerProvider chain;
    private RealmModel realm;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<String> mixed = MixedPasswords.generate(MixedPasswords.DEFAULT_COUNT);
        inTurn(mixed);
        dir = Files.createTempDirectory("casvp-bench-");
        // One password in five of the mix is "breached", among 100 000 other hashes.
        Path breachedFile = BreachedFiles.small(dir, mixed, 5, 100_000);
        StandInKeycloak keycloak = new StandInKeycloak(factories.initialised())
                .policy(String.format(BUNDLE_POLICY, breachedFile));
        entropy = keycloak.provider(EntropyPasswordPolicyProviderFactory.ID);
        sequence = keycloak.provider(SequencePasswordPolicyProviderFactory.ID);
        personal = keycloak.provider(PersonalPasswordPolicyProviderFactory.ID);
        blocklist = keycloak.provider(BlocklistPasswordPolicyProviderFactory.ID);
        breached = keycloak.provider(BreachedPasswordPolicyProviderFactory.ID);
        chain = keycloak.chain();
        realm = keycloak.realm();
        requireOfflineLookups(mixed);
    }

    /** The breached benchmark must measure lookups, not a file that failed to open. */
    private void requireOfflineLookups(List<String> mixed) {
        if (breached.validate(realm, StandInKeycloak.AGENT, mixed.get(0)) == null
                || breached.validate(realm, StandInKeycloak.AGENT, "absent from the file: 8c1f2a9e") != null) {
            throw new IllegalStateException("the offline breached-hash file does not answer as built");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        factories.close();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(BreachedFiles::deleteQuietly);
        }
        BreachedFiles.deleteQuietly(dir);
    }

    /** casvp-entropy: CNIL strength and length. */
    @Benchmark
    public PolicyError entropy() {
        return check(entropy);
    }

    /** casvp-sequence: keyboard, alphabetical and repeated runs (Passay). */
    @Benchmark
    public PolicyError sequence() {
        return check(sequence);
    }

    /** casvp-personal: identifier, mail, names, birth year of the agent. */
    @Benchmark
    public PolicyError personal() {
        return check(personal);
    }

    /** casvp-blocklist: common, French, name and organisation terms, normalised, within one edit. */
    @Benchmark
    public PolicyError blocklist() {
        return check(blocklist);
    }

    /** casvp-breached, offline file: NFC, SHA-1 and a memory-mapped lookup. */
    @Benchmark
    public PolicyError breachedOffline() {
        return check(breached);
    }

    /** Every bundle policy through Keycloak's chain (first refusal wins, as on the update-password page). */
    @Benchmark
    public PolicyError bundleChain() {
        return chain.validate(realm, StandInKeycloak.AGENT, nextPassword());
    }

    /** One policy on the next password, for the agent, as the update-password page calls it. */
    private PolicyError check(PasswordPolicyProvider policy) {
        return policy.validate(realm, StandInKeycloak.AGENT, nextPassword());
    }

    /** The bundle's factories, initialised as Keycloak does at start-up, closed at the end. */
    static final class PasswordPolicyFactories implements AutoCloseable {
        private final List<PasswordPolicyProviderFactory> all = List.of(
                new EntropyPasswordPolicyProviderFactory(),
                new SequencePasswordPolicyProviderFactory(),
                new PersonalPasswordPolicyProviderFactory(),
                new BlocklistPasswordPolicyProviderFactory(),
                new BreachedPasswordPolicyProviderFactory());

        List<PasswordPolicyProviderFactory> initialised() {
            for (PasswordPolicyProviderFactory factory : all) {
                factory.init(StandInKeycloak.configScope(Map.of()));
            }
            return all;
        }

        @Override
        public void close() {
            all.forEach(PasswordPolicyProviderFactory::close);
        }
    }
}
