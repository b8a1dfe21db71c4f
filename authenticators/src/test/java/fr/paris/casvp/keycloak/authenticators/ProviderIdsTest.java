package fr.paris.casvp.keycloak.authenticators;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticatorFactory;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keycloak stores an execution's provider id in a 36-character column: a longer id stops the realm import. */
class ProviderIdsTest {

    @Test
    void everyAuthenticatorIdIsPrefixedAndFitsKeycloaksColumn() {
        // Keycloak's own factories are on the test class path too: only ours are checked.
        List<String> ids = ServiceLoader.load(AuthenticatorFactory.class).stream()
                .filter(provider -> provider.type().getName().startsWith("fr.paris.casvp."))
                .map(provider -> provider.get().getId()).toList();
        assertEquals(13, ids.size(), ids.toString());
        for (String id : ids) {
            assertTrue(id.startsWith("casvp-"), id);
            assertTrue(id.length() <= 36, id + " is " + id.length() + " characters");
        }
    }

    @Test
    void theOtherProvidersArePrefixedToo() {
        // read from this module's own service files: some of Keycloak's factories cannot be
        // loaded outside a server, and listing them is not the point here
        List<String> ids = java.util.stream.Stream.of(
                        org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory.class,
                        org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory.class,
                        org.keycloak.authentication.actiontoken.ActionTokenHandlerFactory.class,
                        org.keycloak.events.EventListenerProviderFactory.class,
                        org.keycloak.authentication.RequiredActionFactory.class,
                        org.keycloak.services.managers.BruteForceProtectorFactory.class,
                        org.keycloak.services.resource.RealmResourceProviderFactory.class)
                .flatMap(spi -> ownFactories(spi).stream())
                .map(factory -> factory.getId())
                .sorted()
                .toList();
        assertEquals(List.of("casvp-account", "casvp-agent-settings", "casvp-console-unlock", "casvp-device-aware-lockout", "casvp-device-store", "casvp-devices", "casvp-helpdesk", "casvp-not-me",
                "casvp-notifications", "casvp-recovery", "casvp-recovery-address", "casvp-trusted-networks"), ids);
    }

    @Test
    void theLockoutReadsTheSettingsOfThePasswordStepByItsId() {
        assertEquals(fr.paris.casvp.keycloak.authenticators.password.PasswordRecheckFormFactory.ID,
                fr.paris.casvp.keycloak.authenticators.lockout.LockoutSettings.STEP_ID);
    }

    @Test
    void theBundlesBruteForceProtectorOutranksKeycloaksOwn() {
        assertTrue(new fr.paris.casvp.keycloak.authenticators.lockout.DeviceAwareBruteForceProtectorFactory().order()
                > new org.keycloak.services.managers.DefaultBruteForceProtectorFactory().order());
    }

    private static List<org.keycloak.provider.ProviderFactory<?>> ownFactories(Class<?> spi) {
        java.nio.file.Path services = java.nio.file.Path.of("target/classes/META-INF/services", spi.getName());
        try {
            List<org.keycloak.provider.ProviderFactory<?>> factories = new java.util.ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(services)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    factories.add((org.keycloak.provider.ProviderFactory<?>) Class.forName(line.trim())
                            .getDeclaredConstructor().newInstance());
                }
            }
            return factories;
        } catch (java.io.IOException | ReflectiveOperationException e) {
            throw new AssertionError("cannot read " + services, e);
        }
    }
}
