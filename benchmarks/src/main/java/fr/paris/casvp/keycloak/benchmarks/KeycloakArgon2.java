package fr.paris.casvp.keycloak.benchmarks;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.util.Base64;

/**
 * One password hash exactly as stock Keycloak 26.7.3 computes it at every sign-in and
 * password change: {@code org.keycloak.crypto.hash.Argon2PasswordHashProvider}
 * (keycloak-crypto-default) with the defaults of {@code Argon2Parameters} /
 * {@code Argon2PasswordHashProviderFactory}, read from the 26.7.3 class files with javap:
 * type {@code id} (Argon2id), version {@code 1.3}, hash length 32 bytes, memory 7168 KiB
 * (7 MiB), 5 iterations, parallelism 1, a 16-byte salt ({@code Salt.generateSalt()}). Like
 * Keycloak it uses BouncyCastle's {@link Argon2BytesGenerator} on {@code password.toCharArray()}
 * and Base64-encodes the result.
 */
final class KeycloakArgon2 {

    static final int TYPE = Argon2Parameters.ARGON2_id;
    static final int VERSION = Argon2Parameters.ARGON2_VERSION_13;
    static final int HASH_LENGTH = 32;
    static final int MEMORY_KIB = 7168;
    static final int ITERATIONS = 5;
    static final int PARALLELISM = 1;
    static final int SALT_LENGTH = 16;

    private KeycloakArgon2() {
    }

    /** The stored hash of {@code password} with {@code salt}, as Keycloak's {@code encode}. */
    static String hash(String password, byte[] salt) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(TYPE)
                .withVersion(VERSION)
                .withSalt(salt)
                .withParallelism(PARALLELISM)
                .withMemoryAsKB(MEMORY_KIB)
                .withIterations(ITERATIONS)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] result = new byte[HASH_LENGTH];
        generator.generateBytes(password.toCharArray(), result);
        return Base64.getEncoder().encodeToString(result);
    }

    static String describe() {
        return "Argon2id v1.3, m=" + MEMORY_KIB + " KiB, t=" + ITERATIONS + ", p=" + PARALLELISM + ", "
                + HASH_LENGTH + "-byte hash, " + SALT_LENGTH + "-byte salt (Keycloak 26.7.3 defaults, BouncyCastle)";
    }
}
