package fr.paris.casvp.keycloak.passwordpolicy.breached;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.ModelException;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BreachedPolicyConfigTest {

    @Test
    void theDefaultValueProposedInTheAdminConsoleAsksHaveIBeenPwnedAndFailsOpen() {
        BreachedPasswordPolicyProviderFactory factory = new BreachedPasswordPolicyProviderFactory();
        BreachedPolicyConfig config = BreachedPolicyConfig.parse(factory.getDefaultConfigValue());

        assertEquals("url=https://api.pwnedpasswords.com/range/,timeout=2000,onError=accept",
                factory.getDefaultConfigValue());
        assertEquals(URI.create("https://api.pwnedpasswords.com/range/"), config.url());
        assertEquals(2000, config.timeoutMillis());
        assertEquals(BreachedPolicyConfig.OnError.ACCEPT, config.onError());
        assertNull(config.file());
        assertFalse(config.offline());
        assertEquals(256, config.cacheSize());
        assertEquals(URI.create("https://api.pwnedpasswords.com/range/21BD1"), config.rangeUri("21BD1"));
    }

    @Test
    void anEmptyValueMeansTheDefaults() {
        assertEquals(BreachedPolicyConfig.parse(null), BreachedPolicyConfig.parse(""));
        assertEquals(BreachedPolicyConfig.parse(BreachedPolicyConfig.DEFAULT_VALUE), BreachedPolicyConfig.parse(""));
    }

    @Test
    void aBareValueIsTheUrlOfAMirrorAndGetsItsFinalSlash() {
        BreachedPolicyConfig config = BreachedPolicyConfig.parse("https://pwned.mirror.casvp.test:8443/range");
        assertEquals(URI.create("https://pwned.mirror.casvp.test:8443/range/ABCDE"), config.rangeUri("ABCDE"));
    }

    @Test
    void everySettingIsRead() {
        BreachedPolicyConfig config = BreachedPolicyConfig.parse(
                "url=http://10.0.0.5/range/, timeout=500, onError=REJECT, file=/opt/keycloak/data/b.bin, cacheSize=0");
        assertEquals(500, config.timeoutMillis());
        assertEquals(BreachedPolicyConfig.OnError.REJECT, config.onError());
        assertEquals(Path.of("/opt/keycloak/data/b.bin"), config.file());
        assertTrue(config.offline());
        assertEquals(0, config.cacheSize());
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            url=ftp://mirror/range/                   | url must be a full http:// or https:// address
            url=mirror/range/                         | url must be a full http:// or https:// address
            url=https://user:secret@mirror/range/     | url must not contain a user name or password
            url=https://mirror/range/?prefix=         | url must not contain '?' or '#'
            url=https://mirror/ran ge/                | url is not a valid address
            timeout=50                                | timeout must be between 100 and 10000, not 50
            timeout=20000                             | timeout must be between 100 and 10000, not 20000
            timeout=2s                                | timeout must be a whole number
            onError=ignore                            | onError must be one of
            file=breached.bin                         | file must be an absolute path
            cacheSize=5000                            | cacheSize must be between 0 and 1000
            cacheSise=10                              | unknown setting 'cacheSise'
            """)
    void adminMistakesAreRefusedWithAMessageThatNamesTheSetting(String value, String message) {
        PasswordPolicyConfigException refused = assertThrows(PasswordPolicyConfigException.class,
                () -> BreachedPolicyConfig.parse(value));
        assertTrue(refused.getMessage().startsWith("casvp-breached: "), refused.getMessage());
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }

    @Test
    void keycloakShowsTheAdminWhyTheSavedPolicyIsRefused() {
        BreachedPasswordPolicyProviderFactory factory = new BreachedPasswordPolicyProviderFactory();
        factory.init(null);
        try {
            ModelException refused = assertThrows(ModelException.class,
                    () -> RealmWithPolicy.of(factory, "length(12) and casvp-breached(timeout=50000)"));
            assertTrue(refused.getMessage().contains("timeout must be between 100 and 10000"), refused.getMessage());
        } finally {
            factory.close();
        }
    }

    @Test
    void aMissingOfflineFileNeverStopsTheRealmAndFollowsOnError() {
        BreachedPasswordPolicyProviderFactory factory = new BreachedPasswordPolicyProviderFactory();
        factory.init(null);
        try (CapturedWarnings warnings = new CapturedWarnings()) {
            RealmWithPolicy rejecting = RealmWithPolicy.of(factory,
                    "casvp-breached(file=/nonexistent/breached.bin,onError=reject)");
            assertEquals("casvp.passwordPolicy.breachedUnavailable",
                    rejecting.check("lanterne verte sur le quai").getMessage());
            RealmWithPolicy accepting = RealmWithPolicy.of(factory, "casvp-breached(file=/nonexistent/breached.bin)");
            assertNull(accepting.check("lanterne verte sur le quai"));
            assertTrue(warnings.lines().stream().anyMatch(line -> line.contains("casvp-breached: file cannot be used: "
                    + "breached-hash file /nonexistent/breached.bin does not exist")), warnings.lines().toString());
        } finally {
            factory.close();
        }
    }

    @Test
    void theFactoryIsRegisteredAsAKeycloakPasswordPolicy() {
        PasswordPolicyProviderFactory found = ServiceLoader.load(PasswordPolicyProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.getId().equals("casvp-breached"))
                .findFirst().orElseThrow();

        assertEquals(BreachedPasswordPolicyProviderFactory.class, found.getClass());
        assertEquals(PasswordPolicyProvider.STRING_CONFIG_TYPE, found.getConfigType());
        assertFalse(found.isMultiplSupported());
        assertFalse(found.getDisplayName().isBlank());
    }
}
