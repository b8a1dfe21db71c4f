package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.StepChange;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.ws.rs.core.Response;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * casvp-password-expiry: admin accounts' passwords expire after a year with a warning two
 * weeks before; agents' never do. Accounts are created with passwords of a chosen age
 * (a PBKDF2 hash and its creation date, as a migration would import them).
 */
@CasvpIntegrationTest
class PasswordExpiryIT {

    /** A role of its own for the test, so that the admins' second factor does not come into play. */
    private static final String ROLE = "casvp-expiry-it";

    private RealmResource realm;
    private StepChange expiry;

    @BeforeEach
    void passwordsOfTheTestRoleExpire(KeycloakServer server) {
        realm = server.admin().realm(KeycloakServer.REALM);
        if (realm.roles().list().stream().noneMatch(r -> ROLE.equals(r.getName()))) {
            realm.roles().create(new RoleRepresentation(ROLE, "password expiry test", false));
        }
        expiry = StepChange.of(realm, "casvp-password-expiry", Map.of("role", ROLE));
    }

    @AfterEach
    void restore() {
        expiry.close();
    }

    @Test
    void anAdminWithAYearOldPasswordMustReplaceIt(KeycloakServer server) throws Exception {
        TestUsers.Agent admin = userWithPasswordAged(server, 400, true);
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                    .signIn(admin.username(), admin.password());
            assertNotNull(result.pageAgain(), "not in before a new password");
            assertNotNull(result.pageAgain().element("kc-passwd-update-form"), "asked for a new password");
        }
    }

    @Test
    void anAdminTwoWeeksFromExpiryIsWarnedAndMayGoOnOrChangeNow(KeycloakServer server) throws Exception {
        TestUsers.Agent admin = userWithPasswordAged(server, 355, true);
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            LoginPage warning = LoginPage.open(browser, server, Pkce.create())
                    .signIn(admin.username(), admin.password()).pageAgain();
            assertNotNull(warning, "a warning first");
            assertEquals("Le mot de passe de ce compte d’administration expire dans 10 jour(s).",
                    warning.text("casvp-days-left"));
            KeycloakForms.Outcome later = KeycloakForms.submit(browser, server,
                    warning.html().getHtmlElementById("casvp-later"));
            assertNotNull(later.redirect(), "later: straight to the webmail");
        }
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            LoginPage warning = LoginPage.open(browser, server, Pkce.create())
                    .signIn(admin.username(), admin.password()).pageAgain();
            assertNotNull(warning.element("casvp-days-left"), "warned again at the next sign-in");
            KeycloakForms.Outcome now = KeycloakForms.submit(browser, server,
                    warning.html().getHtmlElementById("casvp-change-now"));
            assertNotNull(now.page(), "change now: the update-password page");
            assertNotNull(now.page().getElementById("kc-passwd-update-form"));
        }
    }

    @Test
    void anAgentsPasswordNeverExpires(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = userWithPasswordAged(server, 900, false);
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            assertTrue(LoginPage.open(browser, server, Pkce.create()).signIn(agent.username(), agent.password())
                    .redirectedToApplication(), "no rotation for agents");
        }
    }

    private TestUsers.Agent userWithPasswordAged(KeycloakServer server, int days, boolean admin) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String password = TestUsers.passphrase();
        UserRepresentation user = new UserRepresentation();
        user.setUsername("admin." + suffix);
        user.setEmail("admin." + suffix + "@casvp.test");
        user.setEmailVerified(true);
        user.setFirstName("Claude");
        user.setLastName("Expiry" + suffix);
        user.setEnabled(true);
        user.setAttributes(Map.of("locale", List.of("fr")));
        user.setCredentials(List.of(pbkdf2(password, System.currentTimeMillis() - Duration.ofDays(days).toMillis())));
        String id;
        try (Response created = realm.users().create(user)) {
            id = CreatedResponseUtil.getCreatedId(created);
        }
        if (admin) {
            realm.users().get(id).roles().realmLevel().add(List.of(realm.roles().get(ROLE).toRepresentation()));
        }
        return new TestUsers.Agent(id, user.getUsername(), user.getEmail(), password);
    }

    /** A password credential as Keycloak stores it (pbkdf2-sha512), created at the given time. */
    private static CredentialRepresentation pbkdf2(String password, long createdMillis) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 27_500;
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 512)).getEncoded();
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setCreatedDate(createdMillis);
        credential.setSecretData("{\"value\":\"" + Base64.getEncoder().encodeToString(hash) + "\",\"salt\":\""
                + Base64.getEncoder().encodeToString(salt) + "\",\"additionalParameters\":{}}");
        credential.setCredentialData("{\"hashIterations\":" + iterations
                + ",\"algorithm\":\"pbkdf2-sha512\",\"additionalParameters\":{}}");
        return credential;
    }
}
