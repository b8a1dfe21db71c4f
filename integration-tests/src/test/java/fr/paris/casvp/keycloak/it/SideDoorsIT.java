package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.OidcTokens;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import fr.paris.casvp.keycloak.it.support.Totp;
import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Pkce;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doors of the realm other than the sign-in page, tried as an attacker would, against the
 * realm as exported: each refuses, and the agent's own known browser keeps working after it.
 */
@CasvpIntegrationTest
class SideDoorsIT {

    /** Every client of the realm, Keycloak's built-in ones included (admin-cli, account-console, …). */
    @Test
    void noClientOfTheRealmTurnsTheRightPasswordIntoAToken(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        var realm = server.admin().realm(KeycloakServer.REALM);
        List<ClientRepresentation> clients = realm.clients().findAll();
        assertTrue(clients.stream().anyMatch(c -> "admin-cli".equals(c.getClientId())), "the built-in clients are there");
        for (ClientRepresentation client : clients) {
            String secret = client.isPublicClient() || Boolean.TRUE.equals(client.isBearerOnly()) ? null
                    : realm.clients().get(client.getId()).getSecret().getValue();
            OidcTokens.TokenResponse right = OidcTokens.passwordGrant(server, KeycloakServer.REALM, client.getClientId(),
                    secret, agent.username(), agent.password());
            OidcTokens.TokenResponse wrong = OidcTokens.passwordGrant(server, KeycloakServer.REALM, client.getClientId(),
                    secret, agent.username(), agent.password() + "x");
            assertFalse(right.body().has("access_token"), client.getClientId() + " gave a token: " + right.body());
            assertEquals(wrong.status(), right.status(), client.getClientId() + ": the right password is not told apart");
            assertEquals(wrong.body(), right.body(), client.getClientId() + ": the right password is not told apart");
            assertTrue(right.status() == 400 || right.status() == 401, client.getClientId() + ": " + right.status());
        }
        var adminCli = OidcTokens.passwordGrant(server, KeycloakServer.REALM, "admin-cli", null,
                agent.username(), agent.password());
        assertEquals(400, adminCli.status());
        assertEquals("unauthorized_client", adminCli.body().path("error").asText(), adminCli.body().toString());
        assertEquals(0, Events.of(server, agent.id(), "LOGIN").size(), "no sign-in was recorded");
    }

    /**
     * 110 wrong passwords through the password grant, as fast as the attacker can send them:
     * none is even checked, none counts, and the agent's own browser signs in at once.
     */
    @Test
    void aFloodOfPasswordGrantsNeitherCountsNorLocksTheAgentsBrowser(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient laptop = Browsers.htmlUnit("fr")) {
            SignIns.signIn(laptop, server, agent);
            for (int attempt = 0; attempt < 110; attempt++) {
                var answer = OidcTokens.passwordGrant(server, KeycloakServer.REALM, "admin-cli", null,
                        agent.username(), "Mauvais mot de passe " + attempt);
                assertEquals(400, answer.status(), answer.body().toString());
            }
            assertTrue(Events.of(server, agent.id(), "LOGIN_ERROR").isEmpty(), "no failure was counted for the agent");
            SignIns.signIn(laptop, server, agent);
        }
        assertEquals(2, Events.of(server, agent.id(), "LOGIN").size());
    }

    /**
     * A stranger who has the password but not the phone tries 110 codes from their own browser
     * (Keycloak counts each wrong code against the user): their browser is locked after ten,
     * even for the right code, while the agent's own browser signs in with password and code.
     */
    @Test
    void wrongCodesLockTheStrangersBrowserNeverTheAgents(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("CONFIGURE_TOTP"));
        String secret;
        try (WebClient laptop = Browsers.htmlUnit("fr")) {
            LoginPage.SignInResult first = LoginPage.open(laptop, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            secret = Totp.enrol(laptop, server, first.pageAgain().html());

            try (WebClient stranger = Browsers.htmlUnit("fr")) {
                LoginPage.SignInResult password = LoginPage.open(stranger, server, Pkce.create())
                        .signIn(agent.username(), agent.password());
                HtmlPage page = password.pageAgain().html();
                int refusedCodes = 0;
                for (int attempt = 0; attempt < 110 && page.getElementById("kc-otp-login-form") != null; attempt++) {
                    KeycloakForms.Outcome outcome = Totp.submit(stranger, server, page, wrongCode(secret));
                    assertNull(outcome.redirect(), "a wrong code opens nothing");
                    page = outcome.page();
                    refusedCodes++;
                }
                assertTrue(refusedCodes >= 10, "at least ten tries: " + refusedCodes);
                long refusedUnseen = Events.of(server, agent.id(), "LOGIN_ERROR").stream()
                        .filter(e -> "user_temporarily_disabled".equals(e.getError())).count();
                assertTrue(refusedUnseen >= refusedCodes - 12, "the stranger's browser is locked after about ten wrong "
                        + "codes, not a hundred: " + refusedUnseen + " of " + refusedCodes + " refused unseen");
                if (page.getElementById("kc-otp-login-form") != null) {
                    KeycloakForms.Outcome right = Totp.submit(stranger, server, page, Totp.code(secret, 1));
                    assertNull(right.redirect(), "once locked, even the right code opens nothing for the stranger");
                }
            }

            SignIns.closeAndReopen(laptop);
            LoginPage.SignInResult own = LoginPage.open(laptop, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            HtmlPage codePage = own.pageAgain() == null ? null : own.pageAgain().html();
            if (codePage != null && codePage.getElementById("kc-otp-login-form") != null) {
                assertNotNull(Totp.submit(laptop, server, codePage, Totp.code(secret, 1)).redirect(),
                        "the agent's own browser gets in with their code");
            } else {
                assertTrue(own.redirectedToApplication(), "the agent's own browser gets in: "
                        + (codePage == null ? "" : codePage.asNormalizedText()));
            }
        }
    }

    /** A six-digit code that is none of the app's codes around now. */
    private static String wrongCode(String secret) throws Exception {
        java.util.Set<String> valid = new java.util.HashSet<>();
        for (int window = -2; window <= 3; window++) {
            valid.add(Totp.code(secret, window));
        }
        String candidate = "000000";
        for (int n = 0; valid.contains(candidate); n++) {
            candidate = String.format("%06d", (n * 7919 + 13) % 1_000_000);
        }
        return candidate;
    }

    /**
     * The agency's NAT address (trusted, shared by hundreds of agents) with one machine behind
     * it spraying 350 wrong passwords over 40 accounts, past the trusted threshold (300 an
     * hour, as exported): a stranger's browser from that address waits (429), but an agent
     * signs in at once in their own browser from the same address, and a colleague's browser
     * behind another address is not concerned.
     */
    @Test
    void oneMachineSprayingBehindTheAgencyAddressNeverKeepsAgentsOutOfTheirOwnBrowser(KeycloakServer server)
            throws Exception {
        String agencyNat = "127.0.77.7";
        String otherSite = "127.0.77.8";
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        TestUsers.Agent colleague = TestUsers.create(server, "fr");
        try (WebClient ownBrowser = Browsers.htmlUnitFrom(agencyNat)) {
            SignIns.signIn(ownBrowser, server, agent);

            int throttled = 0;
            try (WebClient sprayer = Browsers.htmlUnitFrom(agencyNat)) {
                LoginPage form = LoginPage.open(sprayer, server, Pkce.create());
                for (int attempt = 0; attempt < 350; attempt++) {
                    if (!form.isSignInForm()) {
                        SignIns.closeAndReopen(sprayer);
                        form = LoginPage.open(sprayer, server, Pkce.create());
                    }
                    LoginPage again = form.signIn("agent.cible" + (attempt % 40), "Printemps2026!").pageAgain();
                    assertNotNull(again, "a sprayed password opens nothing");
                    if (again.status() == 429) {
                        throttled++;
                    }
                    form = again;
                }
            }
            assertTrue(throttled >= 40, "the sprayer is throttled past 300 failures: " + throttled + " refused");

            try (WebClient stranger = Browsers.htmlUnitFrom(agencyNat)) {
                assertEquals(429, LoginPage.open(stranger, server, Pkce.create())
                        .signIn(agent.username(), agent.password()).pageAgain().status(),
                        "an unknown browser from the sprayed address waits, even with the right password");
            }
            SignIns.signIn(ownBrowser, server, agent);
        }
        try (WebClient elsewhere = Browsers.htmlUnitFrom(otherSite)) {
            SignIns.signIn(elsewhere, server, colleague);
        }
    }
}
