package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.ForgotPassword;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.PasswordReset;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Device-aware lockout and spraying throttling in casvp-password-form, with short
 * durations set for the test. Separate HtmlUnit browsers are separate devices; loopback
 * source addresses (127.0.0.x) stand for different machines.
 */
@CasvpIntegrationTest
class LockoutIT {

    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    private static final String GENERIC_ERROR = "Nom d'utilisateur ou mot de passe invalide.";

    private RealmResource realm;
    private AuthenticatorConfigRepresentation settings;
    private Map<String, String> original;
    private String originalNetworks;

    @BeforeEach
    void shortDurations(KeycloakServer server) {
        realm = server.admin().realm(KeycloakServer.REALM);
        List<AuthenticatorConfigRepresentation> found = RealmSettings.stepSettings(realm, "casvp-password-form");
        assertEquals(1, found.size());
        settings = found.get(0);
        original = new LinkedHashMap<>(settings.getConfig());
        originalNetworks = RealmSettings.trustedNetworks(realm);
    }

    @AfterEach
    void restore() {
        settings.setConfig(original);
        realm.flows().updateAuthenticatorConfig(settings.getId(), settings);
        RealmSettings.setTrustedNetworks(realm, originalNetworks);
    }

    private void configure(Map<String, String> values) {
        Map<String, String> config = new LinkedHashMap<>(original);
        config.putAll(values);
        settings.setConfig(config);
        realm.flows().updateAuthenticatorConfig(settings.getId(), settings);
    }

    @Test
    void hundredFailuresFromFreshBrowsersNeverLockTheAgentOutOfTheirOwnBrowser(KeycloakServer server) throws Exception {
        configure(Map.of("lockoutDelayAfter", "10", "lockoutLockAfter", "10", "lockoutLockMinutes", "60"));
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        try (WebClient own = Browsers.htmlUnit("fr")) {
            SignIns.signIn(own, server, agent);

            LoginPage wrongPassword = null;
            for (int i = 0; i < 100; i++) {
                try (WebClient attacker = Browsers.htmlUnitFrom("127.0.0.50")) {
                    LoginPage page = attempt(attacker, server, agent.username(), "mauvais mot de passe " + i);
                    if (wrongPassword == null) {
                        wrongPassword = page;
                    }
                }
            }
            SignIns.signIn(own, server, agent);

            LoginPage locked;
            try (WebClient fresh = Browsers.htmlUnitFrom("127.0.0.51")) {
                locked = attempt(fresh, server, agent.username(), agent.password());
            }
            LoginPage unknownUser;
            try (WebClient fresh = Browsers.htmlUnitFrom("127.0.0.51")) {
                unknownUser = attempt(fresh, server, "personne." + UUID.randomUUID().toString().substring(0, 6),
                        "mauvais mot de passe");
            }
            for (LoginPage page : List.of(wrongPassword, unknownUser, locked)) {
                assertEquals(wrongPassword.status(), page.status());
                assertEquals(GENERIC_ERROR, page.inputError());
                assertEquals(wrongPassword.title(), page.title());
            }
        }

        String locks = adminCall(server, "GET", agent);
        assertTrue(locks.contains("\"scope\":\"unknown-devices\"") && locks.contains("\"locked\":true"), locks);
        assertTrue(adminCall(server, "DELETE", agent).contains("\"cleared\""), "the helpdesk clears the lock");
        try (WebClient fresh = Browsers.htmlUnitFrom("127.0.0.51")) {
            SignIns.signIn(fresh, server, agent);
        }

        assertEquals(1, Events.await(server, agent.id(), "CUSTOM_REQUIRED_ACTION", "lockout_notice_sent", 2, MAIL_WAIT)
                .stream().filter(e -> "account".equals(e.getDetails().get("recipient"))).count(), "one lock mail");
        List<MimeMessage> lockMails = Mailbox.awaitMessagesTo(server.mail(), agent.email(), 1, MAIL_WAIT).stream()
                .filter(m -> subject(m).equals("CASVP : connexion à votre compte bloquée pour un temps")).toList();
        assertEquals(1, lockMails.size(), "the lock mail came once");
        assertTrue(Mailbox.htmlPart(lockMails.get(0)).contains("Vos appareils habituels ne sont pas concernés"));
    }

    @Test
    void delayAndLockHoldAtTheirThresholdsAndAResetEndsTheLock(KeycloakServer server) throws Exception {
        configure(Map.of("lockoutDelayAfter", "3", "lockoutDelaySeconds", "2", "lockoutLockAfter", "6",
                "lockoutLockMinutes", "60"));
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String source = "127.0.0.52";

        wrong(server, agent, source, 2);
        assertTrue(signsIn(server, agent, source, agent.password()), "two failures: no delay yet");

        wrong(server, agent, source, 3);
        assertFalse(signsIn(server, agent, source, agent.password()), "third failure: the delay starts");
        assertTrue(eventuallySignsIn(server, agent, source, Duration.ofSeconds(10)), "after the 2 s delay");

        for (int failure = 1; failure <= 6; failure++) {
            wrongUntilCounted(server, agent, source);
        }
        assertFalse(eventuallySignsIn(server, agent, source, Duration.ofSeconds(4)),
                "locked after six failures, not a mere delay");

        String newPassword = TestUsers.passphrase();
        forgotPassword(server, agent, newPassword);
        TestUsers.Agent reset = new TestUsers.Agent(agent.id(), agent.username(), agent.email(), newPassword);
        assertTrue(signsIn(server, reset, source, newPassword), "a reset through \"mot de passe oublié\" ends the lock");
    }

    @Test
    void aSuccessfulSignInForgetsTheFailuresBeforeIt(KeycloakServer server) throws Exception {
        configure(Map.of("lockoutDelayAfter", "3", "lockoutDelaySeconds", "600", "lockoutLockAfter", "10",
                "lockoutLockMinutes", "60"));
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String source = "127.0.0.53";

        for (int round = 1; round <= 3; round++) {
            wrong(server, agent, source, 2);
            assertTrue(signsIn(server, agent, source, agent.password()),
                    "round " + round + ": two failures since the last success, no delay");
        }
        wrong(server, agent, source, 3);
        assertFalse(signsIn(server, agent, source, agent.password()), "three in a row: the 10-minute delay starts");
    }

    @Test
    void sprayingOneSourceIsThrottledWhileOthersSignIn(KeycloakServer server) throws Exception {
        configure(Map.of("sprayingMaxFailures", "10", "sprayingTrustedMaxFailures", "20", "sprayingWindowMinutes", "60"));
        // 127.0.0.71 is trusted too: the VPN gate reads the same list and lets no other source in.
        RealmSettings.setTrustedNetworks(realm, "127.0.0.1/32, 127.0.0.71/32, 127.0.0.80/32");
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String sprayer = "127.0.0.70";
        int throttledAt = -1;
        for (int account = 1; account <= 50 && throttledAt < 0; account++) {
            try (WebClient browser = Browsers.htmlUnitFrom(sprayer)) {
                LoginPage page = attempt(browser, server, "agent.spray" + account, "Printemps2026!");
                if (page.status() == 429) {
                    throttledAt = account;
                    assertTrue(page.text("casvp-retry-at").startsWith("Trop de tentatives"), page.text("casvp-retry-at"));
                }
            }
        }
        assertEquals(11, throttledAt, "ten failures allowed, the eleventh is throttled");
        try (WebClient browser = Browsers.htmlUnitFrom(sprayer)) {
            assertEquals(429, attempt(browser, server, agent.username(), agent.password()).status(),
                    "even the right password waits: the source is throttled");
        }
        assertTrue(signsIn(server, agent, "127.0.0.71", agent.password()), "another source still signs in");

        String trusted = "127.0.0.80";
        for (int account = 1; account <= 20; account++) {
            try (WebClient browser = Browsers.htmlUnitFrom(trusted)) {
                int status = attempt(browser, server, "agent.vpn" + account, "Printemps2026!").status();
                assertTrue(status != 429, "a trusted source has the higher threshold (" + account + ")");
            }
        }
        try (WebClient browser = Browsers.htmlUnitFrom(trusted)) {
            assertEquals(429, attempt(browser, server, "agent.vpn21", "Printemps2026!").status());
        }
    }

    @Test
    void simultaneousFailuresFromANewSourceAreAllCountedAndNoneFails(KeycloakServer server) throws Exception {
        int attackers = 8;
        configure(Map.of("sprayingMaxFailures", Integer.toString(attackers)));
        RealmSettings.setTrustedNetworks(realm, "127.0.0.1/32");
        List<WebClient> browsers = new java.util.ArrayList<>();
        List<LoginPage> forms = new java.util.ArrayList<>();
        List<TestUsers.Agent> agents = new java.util.ArrayList<>();
        for (int i = 0; i < attackers; i++) {
            WebClient browser = Browsers.htmlUnitFrom("127.0.0.54");
            browsers.add(browser);
            forms.add(LoginPage.open(browser, server, Pkce.create()));
            agents.add(TestUsers.create(server, "fr"));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(attackers);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < attackers; i++) {
                LoginPage form = forms.get(i);
                TestUsers.Agent agent = agents.get(i);
                statuses.add(pool.submit(() -> {
                    start.await();
                    return form.signIn(agent.username(), "Printemps2026!").pageAgain().status();
                }));
            }
            start.countDown();
            for (var status : statuses) {
                // from outside the trusted networks the refusal is the VPN page, whatever the password
                assertEquals(403, status.get(30, java.util.concurrent.TimeUnit.SECONDS), "the refusal, never an error");
            }
        } finally {
            pool.shutdownNow();
            browsers.forEach(WebClient::close);
        }
        try (WebClient next = Browsers.htmlUnitFrom("127.0.0.54")) {
            assertEquals(429, attempt(next, server, agents.get(0).username(), "Printemps2026!").status(),
                    "all simultaneous failures of the new source were counted");
        }
        for (TestUsers.Agent agent : agents) {
            assertTrue(adminCall(server, "GET", agent).contains("\"consecutiveFailures\":1"), "each agent's failure counted");
        }
    }

    @Test
    void theSameOldPasswordRepeatedCountsOnce(KeycloakServer server) throws Exception {
        configure(Map.of("lockoutDelayAfter", "3", "lockoutDelaySeconds", "300", "lockoutLockAfter", "5"));
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String newPassword = TestUsers.passphrase();
        try (WebClient phone = Browsers.htmlUnitFrom("127.0.0.53")) {
            SignIns.signIn(phone, server, agent);
            PasswordReset.accepted(server.admin(), agent, newPassword);
            for (int i = 0; i < 20; i++) {
                attemptKeepingDevice(phone, server, agent.username(), agent.password());
            }
            TestUsers.Agent current = new TestUsers.Agent(agent.id(), agent.username(), agent.email(), newPassword);
            SignIns.signIn(phone, server, current);
        }
        assertEquals(1, Events.await(server, agent.id(), "CUSTOM_REQUIRED_ACTION", "old_password_in_use_sent", 1, MAIL_WAIT)
                .size(), "one \"old password still in use\" mail");
        List<MimeMessage> stale = Mailbox.awaitMessagesTo(server.mail(), agent.email(), 2, MAIL_WAIT).stream()
                .filter(m -> subject(m).equals("CASVP : un de vos appareils utilise encore votre ancien mot de passe"))
                .toList();
        assertEquals(1, stale.size(), "told once, not twenty times");
        assertTrue(Mailbox.textPart(stale.get(0)).contains("127.0.0.0/24"), "which device: its network");
        List<String> outcomes = Events.of(server, agent.id(), "LOGIN_ERROR").stream()
                .map(e -> e.getDetails().get("casvp_lockout")).toList();
        assertEquals(20, outcomes.size(), outcomes.toString());
        assertEquals("counted", outcomes.get(0));
        assertTrue(outcomes.subList(1, 20).stream().allMatch("repeated"::equals), outcomes.toString());
    }

    /**
     * The agent's own "mot de passe oublié": identifier, the code mailed to their recovery
     * address, a new password. The address is theirs only for the reset, so that the sign-ins
     * that follow are not asked for a code by mail on a new device.
     */
    private static void forgotPassword(KeycloakServer server, TestUsers.Agent agent, String newPassword) throws Exception {
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);
        try (WebClient browser = Browsers.htmlUnitFrom("127.0.0.55")) {
            org.htmlunit.html.HtmlPage update = ForgotPassword.withMailedCode(browser, server, agent, recovery);
            new fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage(browser, server, update)
                    .submitEndingRecovery(newPassword);
        } finally {
            TestUsers.withoutRecoveryAddress(server, agent);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String adminCall(KeycloakServer server, String method, TestUsers.Agent agent) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/admin/realms/"
                                + KeycloakServer.REALM + "/casvp-devices/users/" + agent.id() + "/lockout"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + server.admin().tokenManager().getAccessTokenString())
                        .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static void wrong(KeycloakServer server, TestUsers.Agent agent, String source, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            try (WebClient browser = Browsers.htmlUnitFrom(source)) {
                attempt(browser, server, agent.username(), "faux mot de passe " + UUID.randomUUID());
            }
        }
    }

    private static boolean signsIn(KeycloakServer server, TestUsers.Agent agent, String source, String password)
            throws Exception {
        try (WebClient browser = Browsers.htmlUnitFrom(source)) {
            return LoginPage.open(browser, server, Pkce.create()).signIn(agent.username(), password)
                    .redirectedToApplication();
        }
    }

    /** Tries the right password every 250 ms (refused tries are not counted) until it works or time is up. */
    private static boolean eventuallySignsIn(KeycloakServer server, TestUsers.Agent agent, String source, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        do {
            if (signsIn(server, agent, source, agent.password())) {
                return true;
            }
            Thread.sleep(250); // polling interval of a bounded wait
        } while (System.nanoTime() < deadline);
        return false;
    }

    /**
     * Tries a wrong password until the lockout counts it (tries refused during a delay are
     * not counted), reading the lockout's detail on the failure events; bounded.
     */
    private static void wrongUntilCounted(KeycloakServer server, TestUsers.Agent agent, String source) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int before = counted(server, agent);
        while (System.nanoTime() < deadline) {
            wrong(server, agent, source, 1);
            if (counted(server, agent) > before) {
                return;
            }
            Thread.sleep(250); // polling interval of a bounded wait
        }
        throw new AssertionError("no failure counted within 10 s");
    }

    private static int counted(KeycloakServer server, TestUsers.Agent agent) {
        return (int) Events.of(server, agent.id(), "LOGIN_ERROR").stream()
                .filter(e -> e.getDetails() != null && "counted".equals(e.getDetails().get("casvp_lockout"))
                        && "invalid_user_credentials".equals(e.getError()))
                .count();
    }

    private static LoginPage attempt(WebClient browser, KeycloakServer server, String username, String password)
            throws Exception {
        LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create()).signIn(username, password);
        assertNotNull(result.pageAgain(), "not signed in");
        return result.pageAgain();
    }

    private static void attemptKeepingDevice(WebClient browser, KeycloakServer server, String username, String password)
            throws Exception {
        assertNotNull(browser.getCookieManager().getCookie(SignIns.DEVICE_COOKIE), "a browser with a device cookie");
        SignIns.closeAndReopen(browser);
        attempt(browser, server, username, password);
    }
}
