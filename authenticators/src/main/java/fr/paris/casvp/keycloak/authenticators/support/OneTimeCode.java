package fr.paris.casvp.keycloak.authenticators.support;

import org.keycloak.common.util.SecretGenerator;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
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

    /** What a typed code met. */
    public enum Outcome {
        /** No code is waiting (never sent, or already used or dead). */
        NONE,
        /** The right code, now used up. */
        MATCHED,
        /** A wrong code; tries are left. */
        WRONG,
        /** A wrong code, and it was the last try: the code is dead. */
        WRONG_LAST,
        /** The code's lifetime is over: it is dead. */
        EXPIRED,
        /** Its tries were used up before: it is dead. */
        USED_UP
    }

    /**
     * Checks a typed code against the one kept under this note: a wrong try is counted, and
     * a code that matched or died is forgotten, so it never works twice.
     */
    public static Outcome check(AuthenticationSessionModel authSession, String note, String attempt, long now,
                                int maxTries) {
        Optional<OneTimeCode> current = load(authSession, note);
        if (current.isEmpty()) {
            return Outcome.NONE;
        }
        OneTimeCode code = current.get();
        Outcome outcome;
        if (code.expired(now)) {
            outcome = Outcome.EXPIRED;
        } else if (code.tries() >= maxTries) {
            outcome = Outcome.USED_UP;
        } else if (code.matches(attempt)) {
            outcome = Outcome.MATCHED;
        } else {
            OneTimeCode counted = code.withOneMoreTry();
            if (counted.tries() < maxTries) {
                counted.save(authSession, note);
                return Outcome.WRONG;
            }
            outcome = Outcome.WRONG_LAST;
        }
        forget(authSession, note);
        return outcome;
    }

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

    /**
     * Whether the code kept under {@code note} was sent less than {@code interval} before
     * {@code now}: a new one must wait, so the form cannot be used to flood a mailbox.
     */
    public static boolean sentWithin(AuthenticationSessionModel authSession, String note, long now, Duration interval) {
        return load(authSession, note).filter(code -> now - code.sentAt() < interval.toMillis()).isPresent();
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
