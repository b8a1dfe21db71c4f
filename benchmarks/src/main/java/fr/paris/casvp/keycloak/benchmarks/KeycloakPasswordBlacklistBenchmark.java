package fr.paris.casvp.keycloak.benchmarks;

import org.keycloak.models.RealmModel;
import org.keycloak.policy.DenylistPasswordPolicyProviderFactory;
import org.keycloak.policy.PasswordPolicyProvider;
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

/**
 * Keycloak's built-in {@code passwordBlacklist} policy ({@link DenylistPasswordPolicyProviderFactory},
 * a Guava Bloom filter with 1 false positive in 10 000) loaded with the words
 * {@code casvp-blocklist} ships ({@link BlocklistWords}), on the same 10 000 mixed passwords
 * as {@code PasswordPolicyBenchmark.blocklist}. It only finds a password equal to a listed
 * word (lower-cased); casvp-blocklist also finds them disguised and inside longer passwords,
 * so this is the cost of the simplest check, not of the same verdicts.
 */
public class KeycloakPasswordBlacklistBenchmark extends PasswordCheckBenchmark {

    private final DenylistPasswordPolicyProviderFactory factory = new DenylistPasswordPolicyProviderFactory();
    private Path dir;
    private PasswordPolicyProvider passwordBlacklist;
    private RealmModel realm;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        inTurn(MixedPasswords.generate(MixedPasswords.DEFAULT_COUNT));
        dir = Files.createTempDirectory("casvp-bench-denylist-");
        BlocklistWords.writeTo(dir);
        StandInKeycloak keycloak = keycloakPasswordBlacklist(factory, dir);
        passwordBlacklist = keycloak.provider(DenylistPasswordPolicyProviderFactory.ID);
        realm = keycloak.realm();
        String listed = BlocklistWords.shipped().iterator().next();
        if (passwordBlacklist.validate(realm, StandInKeycloak.AGENT, listed) == null) {
            throw new IllegalStateException("passwordBlacklist does not refuse a listed word");
        }
    }

    /** A realm with {@code passwordBlacklist(<word file>)}, the file in {@code dir}. */
    static StandInKeycloak keycloakPasswordBlacklist(DenylistPasswordPolicyProviderFactory factory, Path dir) {
        factory.init(StandInKeycloak.configScope(Map.of(DenylistPasswordPolicyProviderFactory.BLACKLISTS_PATH_PROPERTY,
                dir.toString())));
        return new StandInKeycloak(List.of(factory))
                .policy(DenylistPasswordPolicyProviderFactory.ID + "(" + BlocklistWords.FILE_NAME + ")");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        factory.close();
        BreachedFiles.deleteQuietly(dir.resolve(BlocklistWords.FILE_NAME));
        BreachedFiles.deleteQuietly(dir);
    }

    /** Keycloak's passwordBlacklist on the next mixed password. */
    @Benchmark
    public PolicyError keycloakPasswordBlacklist() {
        return passwordBlacklist.validate(realm, StandInKeycloak.AGENT, nextPassword());
    }
}
