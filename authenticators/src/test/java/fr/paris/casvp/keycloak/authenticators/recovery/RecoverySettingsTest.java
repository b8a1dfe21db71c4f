package fr.paris.casvp.keycloak.authenticators.recovery;

import fr.paris.casvp.keycloak.authenticators.account.AgentSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RequiredActionConfigModel;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What admins type in the recovery settings, and what agents type in the code field. */
class RecoverySettingsTest {

    @Test
    void aResetCodeNeverLivesMoreThanTenMinutesNorHasFewerThanEightDigits() {
        assertEquals(Duration.ofMinutes(10), reset(Map.of("lifetimeMinutes", "60")).lifetime());
        assertEquals(Duration.ofMinutes(5), reset(Map.of("lifetimeMinutes", "5")).lifetime());
        assertEquals(Duration.ofSeconds(2), reset(Map.of("lifetimeSeconds", "2")).lifetime(), "seconds, for tests");
        assertEquals(Duration.ofMinutes(10), reset(Map.of("lifetimeSeconds", "3600")).lifetime());
        assertEquals(8, reset(Map.of("codeLength", "4")).length());
        assertEquals(10, reset(Map.of("codeLength", "10")).length());
        assertFalse(reset(Map.of()).accountAddressAllowed(), "the webmail address is off by default");
        assertTrue(reset(Map.of("accountAddressAllowed", "true")).accountAddressAllowed());
    }

    @ParameterizedTest
    @CsvSource(value = {"''|3", "0|0", "2|2", "-1|3", "trois|3"}, delimiter = '|')
    void postponesAreAWholeNumberZeroIncluded(String typed, int expected) {
        RequiredActionConfigModel model = new RequiredActionConfigModel();
        model.setConfig(typed.isEmpty() ? Map.of() : Map.of("maxPostpones", typed));
        assertEquals(expected, RecoveryAddressConfig.of(model, AgentSettings.DEFAULTS).maxPostpones());
    }

    @ParameterizedTest
    @CsvSource({"abcd-efgh-jkmn, ABCDEFGHJKMN", "' ABCD EFGH JKMN ', ABCDEFGHJKMN", "ABCD-EFGH-JKMN, ABCDEFGHJKMN"})
    void aHelpdeskCodeIsTakenAsReadOutOverThePhone(String typed, String normalised) {
        assertEquals(normalised, HelpdeskCodes.normalise(typed));
        assertTrue(HelpdeskCodes.looksLikeHelpdeskCode(typed));
    }

    @Test
    void mailedCodesAreDigitsOnly() {
        assertFalse(HelpdeskCodes.looksLikeHelpdeskCode("12345678"));
        assertFalse(HelpdeskCodes.looksLikeHelpdeskCode(null));
    }

    private static RecoveryCodeConfig reset(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(values);
        return RecoveryCodeConfig.of(model);
    }
}
