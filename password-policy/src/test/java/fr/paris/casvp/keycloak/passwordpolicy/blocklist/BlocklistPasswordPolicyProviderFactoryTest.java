package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import fr.paris.casvp.keycloak.passwordpolicy.support.CandidatePassword;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;
import org.keycloak.policy.PolicyError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlocklistPasswordPolicyProviderFactoryTest {

    @TempDir
    static Path dataDir;

    private static BlocklistPasswordPolicyProviderFactory factory;
    private static BlocklistPasswordPolicyProvider provider;

    @BeforeAll
    static void startLikeKeycloak() throws Exception {
        Files.writeString(dataDir.resolve("agents.txt"), "Zorglub Kazimir\n");
        factory = new BlocklistPasswordPolicyProviderFactory();
        factory.init(dataDir);
        // No session outside Keycloak: a null context means the realm's value is not
        // known, and the default value applies.
        provider = new BlocklistPasswordPolicyProvider(null, factory.blocklists());
    }

    @Test
    void keycloakFindsTheFactoryThroughItsServiceFile() {
        assertTrue(ServiceLoader.load(PasswordPolicyProviderFactory.class).stream()
                .anyMatch(p -> p.type() == BlocklistPasswordPolicyProviderFactory.class));
    }

    @Test
    void factoryDescribesThePolicyForTheAdminConsole() {
        assertEquals("casvp-blocklist", factory.getId());
        assertEquals(PasswordPolicyProvider.STRING_CONFIG_TYPE, factory.getConfigType());
        assertEquals("lists=all,minPoints=5", factory.getDefaultConfigValue());
        assertFalse(factory.isMultiplSupported());
        assertFalse(factory.getDisplayName().isBlank());
        assertEquals("directory", factory.getConfigMetadata().get(0).getName());
    }

    @Test
    void refusalsNameTheMessageAndTheWordToChange() {
        assertError("casvp.passwordPolicy.blocklist.term", "soleil", provider.validate("camille", "Soleil2026!!"));
        assertError("casvp.passwordPolicy.blocklist.nearTerm", "soleiil",
                provider.validate("camille", "Soleiil2026"));
        assertError("casvp.passwordPolicy.blocklist.points", "paris, 2024, soleil",
                provider.validate("camille", "Paris2024Soleil!"));
        assertNull(provider.validate("camille", "lanterne verte sur le quai 7"));
    }

    @Test
    void extraListsFromTheDataFolderAreUsedByDefault() {
        assertEquals(List.of("common", "french", "names", "organisation", "agents"),
                List.copyOf(factory.blocklists().names()));
        assertError("casvp.passwordPolicy.blocklist.term", "zorglubkazimir",
                provider.validate("camille", "ZorglubKazimir2025!"));
        BlocklistSettings withoutAgents = (BlocklistSettings) provider.parseConfig("lists=common+french");
        assertNull(provider.check(withoutAgents, CandidatePassword.of("ZorglubKazimir2025!")));
    }

    @Test
    void unusablePasswordsGetTheSharedMessage() {
        assertEquals("casvp.passwordPolicy.tooLong", provider.validate("camille", "a".repeat(1 << 20)).getMessage());
        assertEquals("casvp.passwordPolicy.controlCharacter", provider.validate("camille", "soleil\n").getMessage());
    }

    @Test
    void parseConfigChecksListNamesAgainstWhatWasLoaded() {
        assertEquals(new BlocklistSettings(List.of("agents"), 5), provider.parseConfig("lists=agents"));
        assertThrows(PasswordPolicyConfigException.class, () -> provider.parseConfig("lists=staff"));
    }

    @Test
    void extraListFolderIsInTheKeycloakDataFolderUnlessConfigured() {
        assertEquals(Path.of("/opt/keycloak/data/casvp-blocklists"),
                BlocklistPasswordPolicyProviderFactory.extraListDirectory(null, "/opt/keycloak"));
        assertEquals(Path.of("/etc/casvp/lists"),
                BlocklistPasswordPolicyProviderFactory.extraListDirectory(" /etc/casvp/lists ", "/opt/keycloak"));
        assertNull(BlocklistPasswordPolicyProviderFactory.extraListDirectory(null, null));
        assertNull(BlocklistPasswordPolicyProviderFactory.extraListDirectory("", " "));
    }

    @Test
    void aFactoryUsedBeforeInitSaysSo() {
        BlocklistPasswordPolicyProviderFactory uninitialised = new BlocklistPasswordPolicyProviderFactory();
        assertThrows(IllegalStateException.class, uninitialised::blocklists);
    }

    private static void assertError(String key, String word, PolicyError error) {
        assertEquals(key, error == null ? null : error.getMessage());
        assertArrayEquals(new Object[] {word}, error.getParameters());
    }
}
