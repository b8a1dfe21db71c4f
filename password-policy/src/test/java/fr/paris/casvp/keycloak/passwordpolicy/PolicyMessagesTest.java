package fr.paris.casvp.keycloak.passwordpolicy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Refusals reach agents and admins in French or English, never as a bare message key. */
class PolicyMessagesTest {

    @Test
    void everyRefusalExistsInFrenchAndEnglish() throws IOException {
        assertEquals(new TreeSet<>(load("fr").stringPropertyNames()), new TreeSet<>(load("en").stringPropertyNames()));
    }

    @Test
    void everyMessageIsAPatternKeycloakCanFormat() throws IOException {
        for (String locale : new String[] {"fr", "en"}) {
            Properties messages = load(locale);
            for (String key : messages.stringPropertyNames()) {
                String value = messages.getProperty(key);
                assertFalse(value.replace("''", "").contains("'"), locale + " " + key + " has a bare apostrophe");
                new MessageFormat(value); // throws on an unbalanced brace
            }
        }
    }

    private static Properties load(String locale) throws IOException {
        String path = "/theme-resources/messages/messages_" + locale + ".properties";
        try (InputStream in = PolicyMessagesTest.class.getResourceAsStream(path)) {
            assertNotNull(in, path);
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
