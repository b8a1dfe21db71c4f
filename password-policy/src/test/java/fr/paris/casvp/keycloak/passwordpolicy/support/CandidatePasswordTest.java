package fr.paris.casvp.keycloak.passwordpolicy.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CandidatePasswordTest {

    @Test
    void decomposedAccentsBecomeTheComposedPassword() {
        CandidatePassword decomposed = CandidatePassword.of("cafe\u0301 cre\u0300me");
        assertNull(decomposed.unusable());
        assertEquals("caf\u00e9 cr\u00e8me", decomposed.text());
        assertEquals(10, decomposed.codePoints());
    }

    @Test
    void oneMegabytePasswordIsRefusedAsTooLongWithoutBeingProcessed() {
        CandidatePassword huge = CandidatePassword.of("a".repeat(1 << 20));
        assertEquals(CandidatePassword.Unusable.TOO_LONG, huge.unusable());
        assertEquals("casvp.passwordPolicy.tooLong", huge.unusableError().getMessage());
        assertEquals("", huge.text());
    }

    @Test
    void controlCharactersAreRefused() {
        assertEquals(CandidatePassword.Unusable.CONTROL_CHARACTER, CandidatePassword.of("mot\u0000de passe").unusable());
        assertEquals(CandidatePassword.Unusable.CONTROL_CHARACTER, CandidatePassword.of("ligne\nsuivante").unusable());
    }

    @Test
    void loneSurrogatesAreRefusedButEmojiAreFine() {
        assertEquals(CandidatePassword.Unusable.MALFORMED, CandidatePassword.of("abc\ud83d").unusable());
        assertEquals(CandidatePassword.Unusable.MALFORMED, CandidatePassword.of("\ude00abc").unusable());
        CandidatePassword emoji = CandidatePassword.of("soleil \ud83d\ude00 levant");
        assertNull(emoji.unusable());
        assertEquals(15, emoji.codePoints());
    }

    @Test
    void spacesAndEmptyPasswordsAreCheckableInput() {
        assertNull(CandidatePassword.of("  des espaces  ").unusable());
        assertNull(CandidatePassword.of("").unusable());
        assertNull(CandidatePassword.of("").unusableError());
    }
}
