package fr.paris.casvp.keycloak.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

import java.security.SecureRandom;

/**
 * The yardstick: one password hash with stock Keycloak's defaults ({@link KeycloakArgon2}),
 * what every sign-in and password change already costs. Same settings as
 * {@link PasswordPolicyBenchmark} and the same passwords, so the two compare in one run.
 */
public class KeycloakArgon2Benchmark extends PasswordCheckBenchmark {

    private byte[] salt;

    @Setup(Level.Trial)
    public void setUp() {
        inTurn(MixedPasswords.generate(MixedPasswords.DEFAULT_COUNT));
        // Keycloak draws a new salt per stored hash; verifying uses the stored one. Same cost.
        salt = new byte[KeycloakArgon2.SALT_LENGTH];
        new SecureRandom().nextBytes(salt);
    }

    /** One Argon2id hash with Keycloak 26.7.3's defaults. */
    @Benchmark
    public String keycloakArgon2Hash() {
        return KeycloakArgon2.hash(nextPassword(), salt);
    }
}
