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
        assertEquals(8, ids.size(), ids.toString());
        for (String id : ids) {
            assertTrue(id.startsWith("casvp-"), id);
            assertTrue(id.length() <= 36, id + " is " + id.length() + " characters");
        }
    }

    @Test
    void theOtherProvidersArePrefixedToo() {
        List<String> ids = java.util.stream.Stream.of(
                        org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory.class,
                        org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory.class,
                        org.keycloak.authentication.actiontoken.ActionTokenHandlerFactory.class,
                        org.keycloak.events.EventListenerProviderFactory.class)
                .flatMap(spi -> ServiceLoader.load(spi).stream())
                .filter(provider -> provider.type().getName().startsWith("fr.paris.casvp."))
                .map(provider -> ((org.keycloak.provider.ProviderFactory<?>) provider.get()).getId())
                .toList();
        assertEquals(List.of("casvp-device-store", "casvp-devices", "casvp-not-me", "casvp-notifications"), ids);
    }
}
