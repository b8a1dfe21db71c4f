package fr.paris.casvp.keycloak.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * The yardstick: one password hash with stock Keycloak's defaults ({@link KeycloakArgon2}),
 * what every sign-in and password change already costs. Same settings as
 * {@link PasswordPolicyBenchmark} and the same passwords, so the two compare in one run.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Thread)
public class KeycloakArgon2Benchmark {

    private String[] passwords;
    private int next;
    private byte[] salt;

    @Setup(Level.Trial)
    public void setUp() {
        passwords = MixedPasswords.generate(MixedPasswords.DEFAULT_COUNT).toArray(String[]::new);
        // Keycloak draws a new salt per stored hash; verifying uses the stored one. Same cost.
        salt = new byte[KeycloakArgon2.SALT_LENGTH];
        new SecureRandom().nextBytes(salt);
    }

    /** One Argon2id hash with Keycloak 26.7.3's defaults. */
    @Benchmark
    public String keycloakArgon2Hash() {
        String password = passwords[next];
        next = next + 1 == passwords.length ? 0 : next + 1;
        return KeycloakArgon2.hash(password, salt);
    }
}
