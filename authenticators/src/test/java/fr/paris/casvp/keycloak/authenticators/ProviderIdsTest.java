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

    @Test
    void theOneRequiredActionIsTheTrustedNetworksSetting() throws Exception {
        // Keycloak's own required actions need libraries absent from the test class path, so the
        // service files are read rather than loaded, and only our classes are instantiated.
        String service = "META-INF/services/" + org.keycloak.authentication.RequiredActionFactory.class.getName();
        List<String> ids = new java.util.ArrayList<>();
        for (java.net.URL file : java.util.Collections.list(getClass().getClassLoader().getResources(service))) {
            try (var in = file.openStream()) {
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
                    if (line.trim().startsWith("fr.paris.casvp.")) {
                        ids.add(((org.keycloak.authentication.RequiredActionFactory) Class.forName(line.trim())
                                .getConstructor().newInstance()).getId());
                    }
                }
            }
        }
        assertEquals(List.of("casvp-trusted-networks"), ids);
    }
}
