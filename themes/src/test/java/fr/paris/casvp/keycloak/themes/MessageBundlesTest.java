package fr.paris.casvp.keycloak.themes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Agents switching language must never meet a missing or half-translated message. */
class MessageBundlesTest {

    @ParameterizedTest(name = "{0} theme has the same keys in French and English")
    @ValueSource(strings = {"login", "email", "account"})
    void frenchAndEnglishHaveTheSameKeys(String type) throws IOException {
        Properties fr = load(type, "fr");
        Properties en = load(type, "en");
        assertEquals(new TreeSet<>(fr.stringPropertyNames()), new TreeSet<>(en.stringPropertyNames()));
    }

    @ParameterizedTest(name = "{0} messages are non-empty and valid MessageFormat patterns")
    @ValueSource(strings = {"login", "email", "account"})
    void everyMessageIsAValidPattern(String type) throws IOException {
        for (String locale : Set.of("fr", "en")) {
            Properties messages = load(type, locale);
            for (String key : messages.stringPropertyNames()) {
                String value = messages.getProperty(key);
                assertFalse(value.isBlank(), type + "/" + locale + ": " + key + " is empty");
                // Keycloak formats every message with MessageFormat; a stray brace breaks the page.
                new MessageFormat(value);
            }
        }
    }

    @ParameterizedTest(name = "French {0} messages use no bare apostrophe")
    @ValueSource(strings = {"login", "email", "account"})
    void frenchApostrophesSurviveMessageFormat(String type) throws IOException {
        Properties fr = load(type, "fr");
        for (String key : fr.stringPropertyNames()) {
            String value = fr.getProperty(key);
            // MessageFormat eats a single ASCII quote: "d'utilisateur" would render as "dutilisateur".
            assertFalse(value.replace("''", "").contains("'"), key + " has a bare ' : " + value);
        }
    }

    private static Properties load(String type, String locale) throws IOException {
        String path = "/theme/casvp/" + type + "/messages/messages_" + locale + ".properties";
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream(path)) {
            assertNotNull(in, path);
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
