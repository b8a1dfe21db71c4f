package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.ForgotPassword;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.OidcTokens;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import fr.paris.casvp.keycloak.it.support.Totp;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The casvp forgot-password flow, as an agent goes through it: the identifier, a code at
 * the verified recovery address (never the webmail), the agent's own second factor, a new
 * password checked by the realm's policies; then every other session ends.
 */
@CasvpIntegrationTest
class ForgotPasswordIT {

    private static final String RESET_FLOW = "casvp reset credentials";

    /**
     * Ten rounds of four identifiers: an agent with a verified recovery address, an unknown
     * one, an agent without an address, and the first agent's account address. The page and
     * status never differ; only five codes an hour leave for the first agent, whatever the
     * number of requests. How long each answer took is printed (for docs/tests.md), not asserted.
     */
    @Test
    void existingAndUnknownIdentifiersGetTheSamePage(KeycloakServer server) throws Exception {
        TestUsers.Agent withAddress = TestUsers.create(server, "fr");
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, withAddress);
        TestUsers.Agent withoutAddress = TestUsers.create(server, "fr");
        String unknown = "agent.nobody" + System.nanoTime();
        Map<String, String> kinds = new java.util.LinkedHashMap<>();
        kinds.put(withAddress.username(), "agent with a recovery address");
        kinds.put(unknown, "unknown identifier");
        kinds.put(withoutAddress.username(), "agent without one");
        kinds.put(withAddress.email(), "account address typed");
        java.util.Set<String> pages = new java.util.HashSet<>();
        java.util.Set<Integer> statuses = new java.util.HashSet<>();
        Map<String, List<Long>> millis = new java.util.LinkedHashMap<>();
        for (int round = 0; round < 10; round++) {
            for (String identifier : kinds.keySet()) {
                try (WebClient browser = Browsers.htmlUnit("fr")) {
                    ForgotPassword.Answer answer = ForgotPassword.askTimed(browser, server, identifier);
                    statuses.add(answer.page().getWebResponse().getStatusCode());
                    // the identifier typed is shown back as typed; everything else must be the same
                    pages.add(answer.page().asNormalizedText().replace(identifier, "<identifier>"));
                    millis.computeIfAbsent(kinds.get(identifier), k -> new java.util.ArrayList<>())
                            .add(answer.nanos() / 1_000_000);
                }
            }
        }
        assertEquals(1, pages.size(), "one page for all: " + pages);
        assertEquals(1, statuses.size(), statuses.toString());
        assertTrue(pages.iterator().next().contains("Saisissez votre code"), pages.toString());
        millis.forEach((kind, times) -> System.out.printf("[forgot password] %s: median %d ms over %d answers%n",
                kind, times.stream().sorted().toList().get(times.size() / 2), times.size()));

        ForgotPassword.mailedCode(server, recovery, 5);
        assertEquals(5, server.mail().getReceivedMessagesForDomain(recovery).length,
                "twenty requests, five codes: the hourly limit");
        assertEquals(0, server.mail().getReceivedMessagesForDomain(withAddress.email()).length,
                "nothing goes to the webmail address");
        assertEquals(0, server.mail().getReceivedMessagesForDomain(withoutAddress.email()).length,
                "no recovery address: no mail at all (the realm does not allow the account address)");
    }

    @Test
    void theCodeWorksOnceThenNotAgain(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);
        String code;
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            HtmlPage codePage = ForgotPassword.ask(browser, server, agent.username());
            code = ForgotPassword.mailedCode(server, recovery, 1);
            HtmlPage wrong = ForgotPassword.enterCode(browser, server, codePage, code.equals("00000000") ? "11111111" : "00000000");
            assertTrue(wrong.asNormalizedText().contains("ne fonctionne pas"), wrong.asNormalizedText());
            HtmlPage update = ForgotPassword.enterCode(browser, server, wrong, code);
            assertNotNull(update.getElementById("kc-passwd-update-form"), "a new password: " + update.asNormalizedText());
        }
        try (WebClient other = Browsers.htmlUnit("fr")) {
            HtmlPage codePage = ForgotPassword.ask(other, server, agent.username());
            HtmlPage again = ForgotPassword.enterCode(other, server, codePage, code);
            assertNotNull(again.getElementById("casvp-recovery-code-form"), "a used code opens nothing");
            assertNull(again.getElementById("kc-passwd-update-form"));
        }
    }

    @Test
    void anExpiredCodeNoLongerWorks(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);
        Map<String, String> saved = configure(server, Map.of("lifetimeSeconds", "2"));
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            HtmlPage codePage = ForgotPassword.ask(browser, server, agent.username());
            String code = ForgotPassword.mailedCode(server, recovery, 1);
            Thread.sleep(2_500); // waits out the configured 2 s lifetime; nothing is asserted about speed
            HtmlPage expired = ForgotPassword.enterCode(browser, server, codePage, code);
            assertTrue(expired.asNormalizedText().contains("a expiré"),
                    expired.asNormalizedText());
            assertNull(expired.getElementById("kc-passwd-update-form"));
        } finally {
            restore(server, saved);
        }
    }

    @Test
    void anAgentWithAOneTimeCodeMustStillEnterItAndCannotEnrolAnotherFactor(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("CONFIGURE_TOTP"));
        String secret;
        try (WebClient browser = Browsers.htmlUnit("fr")) {
            LoginPage.SignInResult first = LoginPage.open(browser, server, Pkce.create())
                    .signIn(agent.username(), agent.password());
            secret = Totp.enrol(browser, server, first.pageAgain().html());
        }
        String credentialId = otpCredentialId(server, agent);
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);

        try (WebClient browser = Browsers.htmlUnit("fr")) {
            HtmlPage afterCode = ForgotPassword.withMailedCode(browser, server, agent, recovery);
            assertNotNull(afterCode.getElementById("kc-otp-login-form"), "the one-time code first: "
                    + afterCode.asNormalizedText());
            assertNull(afterCode.getElementById("kc-passwd-update-form"), "no new password before the code");
            assertNull(afterCode.getElementById("kc-totp-settings-form"), "no way to enrol another factor instead");

            HtmlPage wrong = submitOtp(browser, server, afterCode, "000000".equals(Totp.code(secret)) ? "111111" : "000000");
            assertNotNull(wrong.getElementById("kc-otp-login-form"), "a wrong code is refused");

            HtmlPage update = submitOtp(browser, server, wrong, Totp.code(secret, 1));
            new UpdatePasswordPage(browser, server, update).submitEndingRecovery(TestUsers.passphrase());
        }
        assertEquals(credentialId, otpCredentialId(server, agent), "the one-time-code app is kept, unchanged");
    }

    @Test
    void theNewPasswordMeetsThePoliciesAndEveryOtherSessionEnds(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String refreshToken;
        try (WebClient phone = Browsers.htmlUnit("fr")) {
            Pkce pkce = Pkce.create();
            LoginPage.SignInResult signedIn = LoginPage.open(phone, server, pkce).signIn(agent.username(), agent.password());
            assertTrue(signedIn.redirectedToApplication());
            OidcTokens.TokenResponse tokens = OidcTokens.exchangeCode(server, signedIn.code(),
                    server.webmailRedirectUri(), pkce.verifier());
            refreshToken = tokens.body().get("refresh_token").asText();
        }
        assertEquals(200, OidcTokens.refresh(server, refreshToken).status(), "the phone's session works");
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);

        try (WebClient browser = Browsers.htmlUnit("fr")) {
            UpdatePasswordPage update = new UpdatePasswordPage(browser, server,
                    ForgotPassword.withMailedCode(browser, server, agent, recovery));
            assertNull(update.submit("motdepasse1"), "a weak password is refused");
            assertNotNull(update.error(), "with the reason");
            update.submitEndingRecovery(TestUsers.passphrase());
        }
        OidcTokens.TokenResponse refused = OidcTokens.refresh(server, refreshToken);
        assertEquals(400, refused.status(), "the phone's refresh token no longer works: " + refused.body());
        assertEquals(1, Events.await(server, agent.id(), "CUSTOM_REQUIRED_ACTION", "password_reset_completed", 1,
                Duration.ofSeconds(10)).size(), "the reset is recorded");
        assertEquals(0, server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).getUserSessions().size(),
                "no session remains, and the reset opened none");
        for (String address : List.of(agent.email(), recovery)) {
            assertTrue(Mailbox.awaitSubject(server.mail(), address, "CASVP : le mot de passe de votre compte a changé",
                    Duration.ofSeconds(30)).isPresent(), address + " is told");
        }
    }

    private static HtmlPage submitOtp(WebClient browser, KeycloakServer server, HtmlPage page, String code)
            throws Exception {
        KeycloakForms.Outcome outcome = Totp.submit(browser, server, page, code);
        assertNotNull(outcome.page(), "stays in Keycloak");
        return outcome.page();
    }

    private static String otpCredentialId(KeycloakServer server, TestUsers.Agent agent) {
        return server.admin().realm(KeycloakServer.REALM).users().get(agent.id()).credentials().stream()
                .filter(c -> "otp".equals(c.getType())).map(c -> c.getId()).findFirst()
                .orElseThrow(() -> new AssertionError("no one-time-code credential"));
    }

    /** Changes the recovery-code step's settings as an admin would; returns the old ones. */
    private static Map<String, String> configure(KeycloakServer server, Map<String, String> values) {
        AuthenticatorConfigRepresentation config = recoveryCodeSettings(server);
        Map<String, String> saved = new HashMap<>(config.getConfig());
        config.getConfig().putAll(values);
        server.admin().realm(KeycloakServer.REALM).flows().updateAuthenticatorConfig(config.getId(), config);
        return saved;
    }

    private static void restore(KeycloakServer server, Map<String, String> saved) {
        AuthenticatorConfigRepresentation config = recoveryCodeSettings(server);
        config.setConfig(saved);
        server.admin().realm(KeycloakServer.REALM).flows().updateAuthenticatorConfig(config.getId(), config);
    }

    private static AuthenticatorConfigRepresentation recoveryCodeSettings(KeycloakServer server) {
        return RealmSettings.stepSettingsIn(server.admin().realm(KeycloakServer.REALM), RESET_FLOW,
                "casvp-recovery-code").get(0);
    }
}
