package fr.paris.casvp.keycloak.themes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page the realm can show — each page template of Keycloak's {@code keycloak.v2} and
 * {@code base} login themes (from the Keycloak release the bundle is built for) and each of the
 * bundle's own — has its own title in French and English (WCAG 2.4.2, RGAA 8.6), which
 * {@code footer.ftl} puts in {@code <title>}.
 */
class PageTitlesTest {

    @ParameterizedTest(name = "every page has its own {0} title")
    @ValueSource(strings = {"fr", "en"})
    void everyPageHasItsOwnTitle(String locale) throws Exception {
        Properties messages = new Properties();
        try (InputStream in = PageTitlesTest.class.getResourceAsStream(
                "/theme/casvp/login/messages/messages_" + locale + ".properties")) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        TreeSet<String> pages = pages();
        assertTrue(pages.contains("login") && pages.contains("casvp-email-code"), pages.toString());
        Map<String, String> pageByTitle = new HashMap<>();
        for (String page : pages) {
            String title = messages.getProperty("casvp.title." + page);
            assertTrue(title != null && !title.isBlank(), "no casvp.title." + page + " in " + locale);
            String other = pageByTitle.put(title, page);
            assertEquals(null, other, "\"" + title + "\" is the title of both " + other + " and " + page);
        }
    }

    /** The page ids (template names without .ftl) of every template that lays out a page. */
    private static TreeSet<String> pages() throws IOException, URISyntaxException {
        TreeSet<String> pages = new TreeSet<>();
        pages.addAll(pagesIn(Path.of("src/main/resources/theme/casvp/login")));
        java.net.URI keycloakLogin = PageTitlesTest.class.getResource("/theme/keycloak.v2/login/login.ftl").toURI();
        try (FileSystem jar = FileSystems.newFileSystem(keycloakLogin, Map.of())) {
            pages.addAll(pagesIn(jar.getPath("theme/keycloak.v2/login")));
            pages.addAll(pagesIn(jar.getPath("theme/base/login")));
        }
        pages.remove("template");
        return pages;
    }

    private static TreeSet<String> pagesIn(Path folder) throws IOException {
        TreeSet<String> pages = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".ftl")).toList()) {
                if (Files.readString(file, StandardCharsets.UTF_8).contains("registrationLayout")) {
                    String name = file.getFileName().toString();
                    pages.add(name.substring(0, name.length() - ".ftl".length()));
                }
            }
        }
        return pages;
    }
}
