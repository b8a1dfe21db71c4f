package fr.paris.casvp.keycloak.authenticators.support;

import org.keycloak.common.util.SecretGenerator;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One mailed code, as the authentication session keeps it under a note of its own: a
 * salted SHA-256 of the code (never the code), when it expires, when it was sent and how
 * many wrong tries it had. Compared in constant time. A code dies after its lifetime or
 * its last allowed try. Used for the email second factor, the recovery address check and
 * the forgot-password code.
 */
public record OneTimeCode(String salt, String hash, long expiresAt, long sentAt, int tries) {

    public static String newCode(int digits) {
        return SecretGenerator.getInstance().randomString(digits, SecretGenerator.DIGITS);
    }

    public static OneTimeCode of(String code, long now, long lifetimeMillis) {
        String salt = SecretGenerator.getInstance().randomBytesHex(16);
        return new OneTimeCode(salt, hash(salt, code), now + lifetimeMillis, now, 0);
    }

    public boolean expired(long now) {
        return now >= expiresAt;
    }

    /** Constant-time: the time taken says nothing about how many digits were right. */
    public boolean matches(String attempt) {
        if (attempt == null) {
            return false;
        }
        byte[] expected = HexFormat.of().parseHex(hash);
        byte[] actual = HexFormat.of().parseHex(hash(salt, attempt.strip()));
        return MessageDigest.isEqual(expected, actual);
    }

    public OneTimeCode withOneMoreTry() {
        return new OneTimeCode(salt, hash, expiresAt, sentAt, tries + 1);
    }

    public void save(AuthenticationSessionModel authSession, String note) {
        authSession.setAuthNote(note, String.join("|", salt, hash, Long.toString(expiresAt), Long.toString(sentAt),
                Integer.toString(tries)));
    }

    public static void forget(AuthenticationSessionModel authSession, String note) {
        authSession.removeAuthNote(note);
    }

    public static Optional<OneTimeCode> load(AuthenticationSessionModel authSession, String noteName) {
        String note = authSession.getAuthNote(noteName);
        if (note == null) {
            return Optional.empty();
        }
        String[] parts = note.split("\\|");
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OneTimeCode(parts[0], parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                    Integer.parseInt(parts[4])));
        } catch (NumberFormatException garbled) {
            return Optional.empty();
        }
    }

    /** Salted SHA-256, hex. */
    public static String hash(String salt, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", impossible);
        }
    }
}
