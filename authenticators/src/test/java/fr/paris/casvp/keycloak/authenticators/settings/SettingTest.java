package fr.paris.casvp.keycloak.authenticators.settings;

import fr.paris.casvp.keycloak.authenticators.account.SecondaryAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.provider.ProviderConfigProperty;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an admin types in a step's settings, and what the step then reads. */
class SettingTest {

    private static final Setting<Integer> DELAY = Setting.count("delay", 7, "Delay", "Help.");
    private static final Setting<Duration> WINDOW = Setting.duration("windowMinutes", ChronoUnit.MINUTES, 60, "Window",
            "Help.");
    private static final Setting<Boolean> NEGATE = Setting.flag("negate", false, "Negate output", "Help.");
    private static final Setting<String> ATTRIBUTE = Setting.attribute("attribute", "recoveryEmail", "Attribute", "Help.");
    private static final Setting<String> CONTACT = Setting.checked("contact",
            address -> SecondaryAddress.parse(address).isPresent(), "Contact", "Help.");
    private static final Settings SETTINGS = Settings.of("casvp-test", DELAY, WINDOW, NEGATE, ATTRIBUTE, CONTACT);

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(value = {"90|90", "' 12 '|12", "NONE|7", "''|7", "0|7", "-3|7", "abc|7", "1.5|7", "99999999999|7"},
            delimiter = '|', nullValues = "NONE")
    void aBadNumberFallsBackToTheDefaultInsteadOfBreakingSignIn(String raw, int expected) {
        assertEquals(expected, read(DELAY.key(), raw).get(DELAY));
    }

    @Test
    void aDurationIsAPositiveNumberOfItsUnit() {
        assertEquals(Duration.ofMinutes(90), read(WINDOW.key(), "90").get(WINDOW));
        assertEquals(Duration.ofHours(1), read(WINDOW.key(), "0").get(WINDOW));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(value = {"true|true", "' TRUE '|true", "false|false", "NONE|false", "yes|false"}, delimiter = '|',
            nullValues = "NONE")
    void aSwitchIsTrueOrFalseTrimmedAndAnythingElseIsTheDefault(String raw, boolean expected) {
        assertEquals(expected, read(NEGATE.key(), raw).get(NEGATE));
    }

    @Test
    void anAttributeNameOrAnAddressThatCannotBeUsedIsRefusedWhenSavedAndNeverRead() {
        assertEquals("secours", read(ATTRIBUTE.key(), " secours ").get(ATTRIBUTE));
        assertEquals("recoveryEmail", read(ATTRIBUTE.key(), "adresse de secours").get(ATTRIBUTE));
        assertEquals(ATTRIBUTE, SETTINGS.firstUnreadable(Map.of(ATTRIBUTE.key(), "adresse de secours")).orElseThrow());
        assertEquals("", read(CONTACT.key(), "securite-si").get(CONTACT));
        assertEquals(CONTACT, SETTINGS.firstUnreadable(Map.of(CONTACT.key(), "securite-si")).orElseThrow());
        assertEquals("securite-si@casvp.test", read(CONTACT.key(), "securite-si@casvp.test").get(CONTACT));
        assertTrue(SETTINGS.firstUnreadable(Map.of(CONTACT.key(), "securite-si@casvp.test", DELAY.key(), "5")).isEmpty());
    }

    @Test
    void theAdminConsoleShowsEachDeclarationWithItsDefaultInOrder() {
        List<ProviderConfigProperty> properties = SETTINGS.properties();
        assertEquals(List.of("delay", "windowMinutes", "negate", "attribute", "contact"),
                properties.stream().map(ProviderConfigProperty::getName).toList());
        assertEquals(List.of("7", "60", "false", "recoveryEmail"),
                properties.stream().map(p -> p.getDefaultValue()).limit(4).map(String::valueOf).toList());
        assertEquals(List.of(ProviderConfigProperty.INTEGER_TYPE, ProviderConfigProperty.INTEGER_TYPE,
                ProviderConfigProperty.BOOLEAN_TYPE), properties.stream().map(ProviderConfigProperty::getType).limit(3)
                .toList());
    }

    @Test
    void aStepCannotReadASettingItDoesNotDeclare() {
        Setting<Integer> other = Setting.count("other", 1, "Other", "Help.");
        assertThrows(IllegalArgumentException.class, () -> SETTINGS.read(Map.of()).get(other));
    }

    private static Settings.Values read(String key, String raw) {
        Map<String, String> saved = new HashMap<>();
        saved.put(key, raw);
        return SETTINGS.read(saved);
    }
}
