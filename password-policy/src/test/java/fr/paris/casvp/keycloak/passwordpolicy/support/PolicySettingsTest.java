package fr.paris.casvp.keycloak.passwordpolicy.support;

import org.junit.jupiter.api.Test;
import org.keycloak.policy.PasswordPolicyConfigException;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicySettingsTest {

    private static final Set<String> KEYS = Set.of("bits", "timeout", "onError", "strict");

    @Test
    void bareValueIsTheMainSetting() {
        PolicySettings settings = PolicySettings.parse("casvp-entropy", "50", "bits", KEYS);
        assertEquals(50, settings.integer("bits", 80, 1, 512));
    }

    @Test
    void missingValuesTakeTheirDefaults() {
        PolicySettings settings = PolicySettings.parse("casvp-entropy", "", "bits", KEYS);
        assertEquals(80, settings.integer("bits", 80, 1, 512));
        assertFalse(settings.has("bits"));
    }

    @Test
    void namedValuesAreReadWithTheirType() {
        PolicySettings settings = PolicySettings.parse("casvp-x", " timeout = 2000 , onError=REJECT, strict=yes ",
                "bits", KEYS);
        assertEquals(2000, settings.integer("timeout", 1, 1, 60_000));
        assertEquals("reject", settings.choice("onError", "accept", Set.of("accept", "reject")));
        assertTrue(settings.flag("strict", false));
    }

    @Test
    void adminMistakesGetAMessageThatNamesThePolicyAndTheSetting() {
        assertEquals("casvp-x: unknown setting 'bitz'; allowed: bits",
                assertThrows(PasswordPolicyConfigException.class,
                        () -> PolicySettings.parse("casvp-x", "bitz=3", "bits", Set.of("bits"))).getMessage());
        assertTrue(assertThrows(PasswordPolicyConfigException.class,
                () -> PolicySettings.parse("casvp-x", "abc", "bits", KEYS).integer("bits", 80, 1, 512))
                .getMessage().contains("whole number"));
        assertTrue(assertThrows(PasswordPolicyConfigException.class,
                () -> PolicySettings.parse("casvp-x", "5000", "bits", KEYS).integer("bits", 80, 1, 512))
                .getMessage().contains("between 1 and 512"));
        assertThrows(PasswordPolicyConfigException.class,
                () -> PolicySettings.parse("casvp-x", "bits=1,bits=2", "bits", KEYS));
        assertThrows(PasswordPolicyConfigException.class,
                () -> PolicySettings.parse("casvp-x", "onError=maybe", "bits", KEYS)
                        .choice("onError", "accept", Set.of("accept", "reject")));
    }
}
