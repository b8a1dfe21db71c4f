package fr.paris.casvp.keycloak.authenticators.support;

import org.junit.jupiter.api.Test;

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
}
