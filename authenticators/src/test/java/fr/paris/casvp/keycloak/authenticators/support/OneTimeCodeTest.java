package fr.paris.casvp.keycloak.authenticators.support;

import org.junit.jupiter.api.Test;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneTimeCodeTest {

    @Test
    void codesAreDigitsOfTheAskedLengthAndVary() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = OneTimeCode.newCode(6);
            assertTrue(code.matches("\\d{6}"), code);
            seen.add(code);
        }
        assertTrue(seen.size() > 190, "random: " + seen.size());
    }

    @Test
    void theSessionKeepsASaltedHashThatMatchesOnlyTheCode() {
        OneTimeCode stored = OneTimeCode.of("482913", 0, 300_000);
        assertFalse(stored.hash().contains("482913"));
        assertTrue(stored.matches("482913"));
        assertTrue(stored.matches(" 482913 "), "spaces around a pasted code are forgiven");
        assertFalse(stored.matches("482914"));
        assertFalse(stored.matches(null));
        assertFalse(OneTimeCode.of("482913", 0, 300_000).hash().equals(stored.hash()), "a new salt each time");
    }

    @Test
    void aCodeExpiresAtTheEndOfItsLifetimeAndCountsTries() {
        OneTimeCode stored = OneTimeCode.of("123456", 1_000, 300_000);
        assertFalse(stored.expired(300_999));
        assertTrue(stored.expired(301_000));
        assertEquals(2, stored.withOneMoreTry().withOneMoreTry().tries());
    }

    @Test
    void aNewCodeWaitsUntilTheResendIntervalAfterTheLastOne() {
        AuthenticationSessionModel session = notesOnly();
        assertFalse(OneTimeCode.sentWithin(session, "n", 0, Duration.ofSeconds(30)), "nothing sent yet");
        OneTimeCode.of("123456", 10_000, 300_000).save(session, "n");
        assertTrue(OneTimeCode.sentWithin(session, "n", 39_999, Duration.ofSeconds(30)));
        assertFalse(OneTimeCode.sentWithin(session, "n", 40_000, Duration.ofSeconds(30)));
    }

    @Test
    void aCheckedCodeWorksOnceAndDiesAtItsLastTryOrItsEnd() {
        AuthenticationSessionModel session = notesOnly();
        OneTimeCode.of("123456", 0, 300_000).save(session, "n");
        assertEquals(OneTimeCode.Outcome.WRONG, OneTimeCode.check(session, "n", "000000", 1_000, 3));
        assertEquals(OneTimeCode.Outcome.WRONG, OneTimeCode.check(session, "n", "000001", 1_000, 3));
        assertEquals(OneTimeCode.Outcome.WRONG_LAST, OneTimeCode.check(session, "n", "000002", 1_000, 3));
        assertEquals(OneTimeCode.Outcome.NONE, OneTimeCode.check(session, "n", "123456", 1_000, 3),
                "dead after the last try, even with the right code");

        OneTimeCode.of("123456", 0, 300_000).save(session, "n");
        assertEquals(OneTimeCode.Outcome.MATCHED, OneTimeCode.check(session, "n", "123456", 1_000, 3));
        assertEquals(OneTimeCode.Outcome.NONE, OneTimeCode.check(session, "n", "123456", 1_000, 3), "used once");

        OneTimeCode.of("123456", 0, 300_000).save(session, "n");
        assertEquals(OneTimeCode.Outcome.EXPIRED, OneTimeCode.check(session, "n", "123456", 300_000, 3));
        assertEquals(OneTimeCode.Outcome.NONE, OneTimeCode.check(session, "n", "123456", 1_000, 3));
    }

    /** An authentication session that keeps notes, and nothing else. */
    private static AuthenticationSessionModel notesOnly() {
        java.util.Map<String, String> notes = new java.util.HashMap<>();
        return (AuthenticationSessionModel) java.lang.reflect.Proxy.newProxyInstance(
                OneTimeCodeTest.class.getClassLoader(), new Class<?>[]{AuthenticationSessionModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setAuthNote" -> notes.put((String) args[0], (String) args[1]);
                    case "getAuthNote" -> notes.get((String) args[0]);
                    case "removeAuthNote" -> notes.remove((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
