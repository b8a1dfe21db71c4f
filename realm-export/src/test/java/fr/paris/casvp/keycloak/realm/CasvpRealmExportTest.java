package fr.paris.casvp.keycloak.realm;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The realm file ops import in production: what it must and must not contain. */
class CasvpRealmExportTest {

    @Test
    void productionRealmCarriesNoAccountAndNoDemoPassword() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        assertNull(realm.getUsers(), "demo accounts live in casvp-demo-users.json only");
    }

    @Test
    void realmIsFrenchFirstWithTheBundleThemesAndBruteForceOn() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        assertEquals("casvp", realm.getRealm());
        assertEquals("fr", realm.getDefaultLocale());
        assertEquals("casvp", realm.getLoginTheme());
        assertEquals("casvp", realm.getEmailTheme());
        assertTrue(realm.isBruteForceProtected());
        assertTrue(realm.getPasswordPolicy().contains("casvp-entropy(bits=80,min=12,max=128)"), realm.getPasswordPolicy());
        assertTrue(realm.getPasswordPolicy().contains("casvp-sequence(4)"), realm.getPasswordPolicy());
        assertTrue(realm.getPasswordPolicy().contains("casvp-blocklist("), realm.getPasswordPolicy());
    }

    @Test
    void webmailNeedsItsSecretAndPkceAndHasNoPasswordGrant() throws IOException {
        RealmRepresentation realm = read("/casvp-realm.json", RealmRepresentation.class);
        List<ClientRepresentation> webmail = realm.getClients().stream()
                .filter(c -> "webmail".equals(c.getClientId())).toList();
        assertEquals(1, webmail.size());
        ClientRepresentation client = webmail.get(0);
        assertFalse(client.isPublicClient());
        assertFalse(client.isDirectAccessGrantsEnabled());
        assertFalse(client.isImplicitFlowEnabled());
        assertEquals("S256", client.getAttributes().get("pkce.code.challenge.method"));
        assertTrue(client.getSecret().startsWith("${CASVP_WEBMAIL_SECRET"), "secret comes from the environment");
    }

    @Test
    void demoUsersAreAgentsAndOneRealmAdmin() throws IOException {
        DemoUsers demo = read("/casvp-demo-users.json", DemoUsers.class);
        assertEquals(3, demo.users.size());
        long admins = demo.users.stream()
                .filter(u -> u.getClientRoles() != null && u.getClientRoles().containsKey("realm-management"))
                .count();
        assertEquals(1, admins);
        demo.users.forEach(u -> assertNotNull(u.getEmail(), u.getUsername()));
    }

    /** Shape of casvp-demo-users.json. */
    static final class DemoUsers {
        public String _comment;
        public List<org.keycloak.representations.idm.UserRepresentation> users;
    }

    private static <T> T read(String resource, Class<T> type) throws IOException {
        try (InputStream in = CasvpRealmExportTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return JsonSerialization.readValue(in, type);
        }
    }
}
