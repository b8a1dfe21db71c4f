package fr.paris.casvp.keycloak.passwordpolicy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void everyMessageKeyThePoliciesUseHasATranslation() throws IOException {
        Pattern key = Pattern.compile("\"(casvp\\.passwordPolicy\\.[A-Za-z.]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = key.matcher(Files.readString(source));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertTrue(used.size() >= 10, "keys found in the sources: " + used);
        for (String locale : new String[] {"fr", "en"}) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(load(locale).stringPropertyNames());
            assertEquals(Set.of(), missing, "missing in messages_" + locale);
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
