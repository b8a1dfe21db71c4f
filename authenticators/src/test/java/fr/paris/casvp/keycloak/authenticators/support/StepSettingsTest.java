package fr.paris.casvp.keycloak.authenticators.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StepSettingsTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(value = {"90|90", "' 12 '|12", "NONE|7", "''|7", "0|7", "-3|7", "abc|7", "1.5|7", "99999999999|7"},
            delimiter = '|', nullValues = "NONE")
    void aBadNumberFallsBackToTheDefaultInsteadOfBreakingSignIn(String raw, int expected) {
        Map<String, String> values = new HashMap<>();
        values.put("delay", raw);
        assertEquals(expected, StepSettings.positiveInt(values, "delay", 7, "casvp-test"));
    }
}
