package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.ItSettings;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.ThemeInfoRepresentation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one JAR ops install: what it contains and how a stock Keycloak takes it. */
@CasvpIntegrationTest
class BundleInstallIT {

    private static final Pattern WARNING = Pattern.compile("\\b(WARN|ERROR)\\b");
    /**
     * Keycloak warns about every provider of an SPI it marks internal (password policies,
     * authenticators); that notice names one casvp-* provider of the bundle and is expected.
     */
    private static final Pattern INTERNAL_SPI_NOTICE =
            Pattern.compile("KC-SERVICES0047: casvp-[a-z-]+ \\(fr\\.paris\\.casvp\\.keycloak\\.[\\w.]+\\) "
                    + "is implementing the internal SPI [A-Za-z-]+\\.");

    @Test
    void serverListsTheCasvpLoginAndEmailThemes(KeycloakServer server) {
        ServerInfoRepresentation info = server.admin().serverInfo().getInfo();
        assertTrue(themeNames(info, "login").contains("casvp"), "login themes: " + themeNames(info, "login"));
        assertTrue(themeNames(info, "email").contains("casvp"), "email themes: " + themeNames(info, "email"));
    }

    /**
     * Building and starting with the bundle prints no warning about it, except the one
     * notice Keycloak prints for every custom password policy (its SPI is marked
     * internal), which names each policy and nothing else.
     */
    @Test
    void buildAndStartPrintNoWarningAboutTheBundle(KeycloakServer server) throws Exception {
        StringBuilder logs = new StringBuilder(startupPart(server.serverLog()));
        Path buildLog = ItSettings.outputDir().resolve("keycloak-build.log");
        if (Files.isRegularFile(buildLog)) {
            logs.append('\n').append(Files.readString(buildLog));
        }
        List<String> aboutUs = logs.toString().lines()
                .filter(line -> WARNING.matcher(line).find())
                .filter(line -> line.toLowerCase().contains("casvp"))
                .filter(line -> !INTERNAL_SPI_NOTICE.matcher(line).find())
                .toList();
        assertEquals(List.of(), aboutUs);
    }

    /** The log up to "started in", before any test has signed in or changed a password. */
    private static String startupPart(String log) {
        int started = log.indexOf(" started in ");
        return started < 0 ? log : log.substring(0, started);
    }

    @Test
    void jarCarriesItsVersionAndOnlyRelocatedThirdPartyClasses() throws Exception {
        try (JarFile jar = new JarFile(ItSettings.bundleJar().toFile())) {
            // the file ops download is the one Keycloak runs
            assertEquals(-1L, Files.mismatch(ItSettings.bundleJar(),
                    ItSettings.keycloakHome().resolve("providers").resolve(DistributionKeycloak.INSTALLED_BUNDLE)));
            assertEquals(ItSettings.bundleVersion(),
                    jar.getManifest().getMainAttributes().getValue("Implementation-Version"));
            List<String> foreignClasses = jar.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.startsWith("fr/paris/casvp/keycloak/"))
                    .toList();
            assertEquals(List.of(), foreignClasses, "every bundled library must be relocated");
            assertTrue(jar.getEntry("META-INF/keycloak-themes.json") != null);
            // both modules ship theme-resources messages: the bundle must keep them all
            String messages = new String(jar.getInputStream(
                    jar.getEntry("theme-resources/messages/messages_fr.properties")).readAllBytes(), UTF_8);
            assertTrue(messages.contains("casvp.identifier.invalidWithHint="), "authenticators' messages");
            assertTrue(messages.contains("casvp.passwordPolicy.entropy.tooWeak="), "password policies' messages");
            assertTrue(jar.getEntry("theme/casvp/login/theme.properties") != null);
        }
    }

    private static List<String> themeNames(ServerInfoRepresentation info, String type) {
        return info.getThemes().getOrDefault(type, List.of()).stream().map(ThemeInfoRepresentation::getName).toList();
    }
}
