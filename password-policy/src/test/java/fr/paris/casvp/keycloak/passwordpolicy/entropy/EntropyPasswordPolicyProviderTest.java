package fr.paris.casvp.keycloak.passwordpolicy.entropy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PolicyError;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EntropyPasswordPolicyProviderTest {

    private static final EntropyPolicyConfig DEFAULTS = EntropyPolicyConfig.parse("");

    @Test
    void defaultsAreTheCnilFloorAndTheAsvsLengths() {
        assertEquals(new EntropyPolicyConfig(80, 12, 128), DEFAULTS);
        assertEquals(new EntropyPolicyConfig(50, 12, 128), EntropyPolicyConfig.parse("50"));
        assertEquals(new EntropyPolicyConfig(60, 14, 64), EntropyPolicyConfig.parse("bits=60,min=14,max=64"));
    }

    @ParameterizedTest(name = "\"{0}\" passes the 80-bit floor")
    @ValueSource(strings = {"lanterne verte sur le quai 7", "cheval correct pile agrafe", "Soleil2026!!x",
            "été indien à la plage", "k7#Vq9!mZ2pLs"})
    void longPassphrasesAndRichPasswordsPass(String password) {
        assertNull(EntropyPasswordPolicyProvider.check(DEFAULTS, password));
    }

    @Test
    void twelveCharactersOfFourClassesFallJustShortOfEightyBits() {
        PolicyError error = EntropyPasswordPolicyProvider.check(DEFAULTS, "Soleil2026!!");
        assertEquals(EntropyPasswordPolicyProvider.TOO_WEAK, error.getMessage());
        assertArrayEquals(new Object[] {79, 80}, error.getParameters());
    }

    @Test
    void fiftyBitFloorForRealmsWithLockoutAcceptsTwelveLowerCaseLetters() {
        EntropyPolicyConfig caseTwo = EntropyPolicyConfig.parse("50");
        assertNull(EntropyPasswordPolicyProvider.check(caseTwo, "montagnebleu")); // 12 × log2(26) = 56.4
        assertEquals(EntropyPasswordPolicyProvider.TOO_WEAK,
                EntropyPasswordPolicyProvider.check(caseTwo, "123456789012").getMessage());
    }

    @Test
    void tooShortAndTooLongSayTheLimit() {
        PolicyError shortOne = EntropyPasswordPolicyProvider.check(DEFAULTS, "Court!7x");
        assertEquals(EntropyPasswordPolicyProvider.TOO_SHORT, shortOne.getMessage());
        assertArrayEquals(new Object[] {12}, shortOne.getParameters());
        PolicyError longOne = EntropyPasswordPolicyProvider.check(DEFAULTS, "mot ".repeat(40));
        assertEquals(EntropyPasswordPolicyProvider.TOO_LONG, longOne.getMessage());
        assertArrayEquals(new Object[] {128}, longOne.getParameters());
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // 12 emoji are 24 UTF-16 units but 12 characters: long enough, and not truncated.
        String emoji = "\ud83c\udf3b".repeat(6) + "\ud83c\udf19".repeat(6);
        PolicyError error = EntropyPasswordPolicyProvider.check(DEFAULTS, emoji);
        assertEquals(EntropyPasswordPolicyProvider.TOO_WEAK, error.getMessage(), "12 × log2(37) = 62 bits");
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        assertEquals("casvp.passwordPolicy.tooLong",
                EntropyPasswordPolicyProvider.check(DEFAULTS, "x".repeat(1 << 20)).getMessage());
        assertEquals("casvp.passwordPolicy.controlCharacter",
                EntropyPasswordPolicyProvider.check(DEFAULTS, "lanterne\tverte sur le quai").getMessage());
        assertEquals("casvp.passwordPolicy.malformed",
                EntropyPasswordPolicyProvider.check(DEFAULTS, "lanterne verte \ud800 quai").getMessage());
        assertEquals(EntropyPasswordPolicyProvider.TOO_SHORT, EntropyPasswordPolicyProvider.check(DEFAULTS, "").getMessage());
    }

    @Test
    void adminTyposAreRefusedWhenThePolicyIsSaved() {
        assertThrows(PasswordPolicyConfigException.class, () -> EntropyPolicyConfig.parse("quatre-vingts"));
        assertThrows(PasswordPolicyConfigException.class, () -> EntropyPolicyConfig.parse("min=20,max=16"));
        assertThrows(PasswordPolicyConfigException.class, () -> EntropyPolicyConfig.parse("bitz=80"));
    }
}
