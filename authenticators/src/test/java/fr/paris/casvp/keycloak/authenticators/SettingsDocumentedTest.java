package fr.paris.casvp.keycloak.authenticators;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The settings tables of {@code docs/configuration.md} say what the admin console shows: for
 * every step and required action of the bundle, each setting has a row under a heading that
 * names the provider id, with its admin-console label and its default, and no row names a
 * setting the provider does not have.
 */
class SettingsDocumentedTest {

    private static final Path DOC = Path.of("../docs/configuration.md");

    @TestFactory
    Stream<DynamicTest> everySettingHasItsRowWithItsLabelAndDefault() throws IOException {
        Map<String, String> sections = sectionsByProviderId(Files.readAllLines(DOC));
        return settingsByProvider().entrySet().stream().map(provider -> DynamicTest.dynamicTest(provider.getKey(), () -> {
            String section = sections.getOrDefault(provider.getKey(), "");
            assertFalse(section.isEmpty(), "no section of docs/configuration.md names `" + provider.getKey() + "`");
            List<String> expected = provider.getValue().stream().map(SettingsDocumentedTest::row).toList();
            List<String> documented = settingRows(section).stream().map(SettingsDocumentedTest::firstTwoCells).toList();
            assertEquals(expected, documented, "settings rows of `" + provider.getKey() + "`");
        }));
    }

    /** The row's start as the doc writes it: {@code | `key` (Label) | `default`}. */
    private static String row(ProviderConfigProperty property) {
        String fallback = property.getDefaultValue() == null || property.getDefaultValue().toString().isEmpty()
                ? "empty" : "`" + property.getDefaultValue() + "`";
        return "| `" + property.getName() + "` (" + property.getLabel() + ") | " + fallback;
    }

    /** The rows of the tables headed "setting (admin console label)". */
    private static List<String> settingRows(String section) {
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : section.lines().toList()) {
            if (line.startsWith("| setting (admin console label)")) {
                inTable = true;
            } else if (!line.startsWith("|")) {
                inTable = false;
            } else if (inTable && line.startsWith("| `")) {
                rows.add(line);
            }
        }
        return rows;
    }

    /** The first two cells, the second cut where the doc adds what the casvp realm sets. */
    private static String firstTwoCells(String line) {
        String[] cells = line.split(" \\| ", 3);
        String fallback = cells.length > 1 ? cells[1].replaceFirst(" \\(casvp realm: .*", "") : "";
        return cells[0] + " | " + fallback.replaceFirst("^none$", "empty");
    }

    /** Every heading that names a provider id in back-quotes, with the text up to the next heading. */
    private static Map<String, String> sectionsByProviderId(List<String> lines) {
        Map<String, String> sections = new TreeMap<>();
        String id = null;
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("## ")) {
                if (id != null) {
                    sections.merge(id, text.toString(), String::concat);
                }
                java.util.regex.Matcher named = java.util.regex.Pattern.compile("`(casvp-[a-z0-9-]+)`").matcher(line);
                id = named.find() ? named.group(1) : null;
                text = new StringBuilder();
            } else {
                text.append(line).append('\n');
            }
        }
        if (id != null) {
            sections.merge(id, text.toString(), String::concat);
        }
        return sections;
    }

    private static Map<String, List<ProviderConfigProperty>> settingsByProvider() throws IOException {
        Map<String, List<ProviderConfigProperty>> settings = new TreeMap<>();
        for (Object factory : ownFactories(AuthenticatorFactory.class)) {
            AuthenticatorFactory step = (AuthenticatorFactory) factory;
            if (step.getConfigProperties() != null && !step.getConfigProperties().isEmpty()) {
                settings.put(step.getId(), step.getConfigProperties());
            }
        }
        for (Object factory : ownFactories(RequiredActionFactory.class)) {
            RequiredActionFactory action = (RequiredActionFactory) factory;
            if (!action.getConfigMetadata().isEmpty()) {
                settings.put(action.getId(), action.getConfigMetadata());
            }
        }
        return settings;
    }

    /** This module's factories, from its own service files (some of Keycloak's cannot load outside a server). */
    private static List<Object> ownFactories(Class<?> spi) throws IOException {
        List<Object> factories = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("target/classes/META-INF/services", spi.getName()))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                try {
                    factories.add(Class.forName(line.trim()).getDeclaredConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("cannot make " + line, e);
                }
            }
        }
        return factories;
    }
}
