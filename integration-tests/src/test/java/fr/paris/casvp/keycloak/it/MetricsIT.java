package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.KeycloakForms;
import fr.paris.casvp.keycloak.it.pages.LoginPage;
import fr.paris.casvp.keycloak.it.support.BreachRangeServer;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ItSettings;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.Mailbox;
import fr.paris.casvp.keycloak.it.support.PasswordReset;
import fr.paris.casvp.keycloak.it.support.Pkce;
import fr.paris.casvp.keycloak.it.support.ServerMetrics;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.StepChange;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ops see on the management interface's {@code /metrics} (port 9000 in production) after
 * agents sign in, get codes, lock a browser, spray passwords and pick a breached one: each
 * {@code casvp_} counter of the casvp realm moves by exactly what happened. The server is
 * shared with the other tests of the run, so every check is a difference between two scrapes.
 */
@CasvpIntegrationTest
class MetricsIT {

    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> CASVP = Map.of("realm", KeycloakServer.REALM);

    private RealmResource realm;
    private StepChange passwordForm;

    @BeforeEach
    void remember(KeycloakServer server) {
        realm = server.admin().realm(KeycloakServer.REALM);
        passwordForm = StepChange.of(realm, "casvp-password-form", Map.of());
    }

    @AfterEach
    void restore() {
        passwordForm.close();
    }

    @Test
    void signInsByDeviceVerdictMailedCodesAndTheirMailsAreCounted(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        String recovery = TestUsers.withVerifiedRecoveryAddress(server, agent);
        ServerMetrics before = noMailInFlight(server);

        try (WebClient usual = Browsers.htmlUnit("fr"); WebClient newDevice = Browsers.htmlUnit("fr")) {
            SignIns.signIn(usual, server, agent);   // the agent's first browser
            SignIns.signIn(usual, server, agent);   // the same browser again
            HtmlPage codePage = codePage(newDevice, server, agent);
            String code = Mailbox.signInCode(server.mail(), recovery, MAIL_WAIT);
            HtmlPage wrong = submitCode(newDevice, server, codePage, code.equals("000000") ? "111111" : "000000").page();
            assertNotNull(wrong, "a wrong code is refused");
            assertNotNull(submitCode(newDevice, server, wrong, code).redirect(), "the right code signs in");
        }
        Mailbox.awaitSubject(server.mail(), agent.email(), "CASVP : nouvelle connexion à votre compte", MAIL_WAIT);

        // the alert goes to both of the agent's addresses; mails are counted once the mail server took them
        ServerMetrics after = ServerMetrics.awaiting(server, MAIL_WAIT,
                now -> mails(before, now, "new_device_alert", "sent") >= 2 && mails(before, now, "email_code", "sent") >= 1);

        assertEquals(1, signIns(before, after, "first_device"));
        assertEquals(1, signIns(before, after, "known_device"));
        assertEquals(1, signIns(before, after, "new_device"));
        assertEquals(0, signIns(before, after, "unusual_network"));
        assertEquals(1, codes(before, after, "issued"), "one code mailed");
        assertEquals(1, codes(before, after, "wrong"));
        assertEquals(1, codes(before, after, "matched"));
        assertEquals(1, mails(before, after, "email_code", "queued"));
        assertEquals(1, mails(before, after, "email_code", "sent"));
        assertEquals(2, mails(before, after, "new_device_alert", "queued"));
        assertEquals(2, mails(before, after, "new_device_alert", "sent"));
        assertEquals(0, ServerMetrics.delta(before, after, "casvp_mails_total", Map.of("realm", KeycloakServer.REALM,
                "outcome", "failed")), "no mail failed");
        assertTrue(after.has("casvp_mails_pending"), "the mail queue's length is published");
        assertEquals(0, noMailInFlight(server).value("casvp_mails_pending", Map.of()), "nothing waits once the mails left");
        assertNoPersonalDataInTags(after, agent);
        // what ops' Prometheus reads, kept with the run's logs
        Files.writeString(ItSettings.outputDir().resolve("metrics-casvp.txt"), after.text().lines()
                .filter(line -> line.contains("casvp_")).collect(Collectors.joining("\n", "", "\n")));
    }

    @Test
    void aLockedBrowserScopeAndAThrottledSourceAreCounted(KeycloakServer server) throws Exception {
        configure(Map.of("lockoutDelayAfter", "3", "lockoutLockAfter", "3", "lockoutLockMinutes", "60",
                "sprayingMaxFailures", "3", "sprayingTrustedMaxFailures", "3", "sprayingWindowMinutes", "60"));
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        ServerMetrics before = ServerMetrics.scrape(server);

        String lockSource = "127.0.0.90";
        for (int i = 0; i < 3; i++) {
            try (WebClient stranger = Browsers.htmlUnitFrom(lockSource)) {
                attempt(stranger, server, agent.username(), "faux mot de passe " + UUID.randomUUID());
            }
        }
        String sprayer = "127.0.0.91";
        int throttled = 0;
        for (int account = 1; account <= 5; account++) {
            try (WebClient browser = Browsers.htmlUnitFrom(sprayer)) {
                if (attempt(browser, server, "agent.spray" + UUID.randomUUID(), "Printemps2026!").status() == 429) {
                    throttled++;
                }
            }
        }
        assertEquals(2, throttled, "three failures allowed, the fourth and fifth refused");
        ServerMetrics after = ServerMetrics.scrape(server);

        assertEquals(1, ServerMetrics.delta(before, after, "casvp_lockout_locks_total",
                Map.of("realm", KeycloakServer.REALM, "scope", "unknown_browsers")), "three wrong passwords: one lock");
        assertEquals(0, ServerMetrics.delta(before, after, "casvp_lockout_locks_total",
                Map.of("realm", KeycloakServer.REALM, "scope", "known_browser")));
        assertEquals(2, ServerMetrics.delta(before, after, "casvp_source_throttled_total", CASVP));
        assertNoPersonalDataInTags(after, agent);
    }

    @Test
    void breachedPasswordChecksAreCountedByResultAndTimed(KeycloakServer server, BreachRangeServer breachRange) {
        TestUsers.Agent agent = TestUsers.create(server, "fr");

        ServerMetrics before = ServerMetrics.scrape(server);
        PasswordReset.refused(server.admin(), agent, BreachRangeServer.BREACHED.get(1));
        ServerMetrics afterBreached = ServerMetrics.scrape(server);
        PasswordReset.accepted(server.admin(), agent, uniquePassphrase());
        ServerMetrics afterOk = ServerMetrics.scrape(server);
        breachRange.mode(BreachRangeServer.Mode.BROKEN);
        try {
            PasswordReset.accepted(server.admin(), agent, uniquePassphrase()); // onError=accept
        } finally {
            breachRange.mode(BreachRangeServer.Mode.NORMAL);
        }
        ServerMetrics afterUnavailable = ServerMetrics.scrape(server);

        assertEquals(Map.of("breached", 1.0, "ok", 0.0, "unavailable", 0.0), breached(before, afterBreached));
        assertEquals(Map.of("breached", 0.0, "ok", 1.0, "unavailable", 0.0), breached(afterBreached, afterOk));
        assertEquals(Map.of("breached", 0.0, "ok", 0.0, "unavailable", 1.0), breached(afterOk, afterUnavailable));
        assertEquals(3, ServerMetrics.delta(before, afterUnavailable, "casvp_breached_check_duration_seconds_count",
                Map.of("source", "api")), "each check is timed");
        assertTrue(afterUnavailable.value("casvp_breached_check_duration_seconds_sum", Map.of("source", "api")) > 0);
    }

    /**
     * A scrape once this node has no mail waiting: mails of earlier tests (one may be retrying
     * against a mail server a test had stopped, 12 s of back-off) then count nothing in this one.
     */
    private static ServerMetrics noMailInFlight(KeycloakServer server) {
        ServerMetrics settled = ServerMetrics.awaiting(server, Duration.ofSeconds(60),
                now -> now.value("casvp_mails_pending", Map.of()) == 0);
        assertEquals(0, settled.value("casvp_mails_pending", Map.of()), "mails still waiting after 60 s");
        return settled;
    }

    private static Map<String, Double> breached(ServerMetrics before, ServerMetrics after) {
        Map<String, Double> deltas = new LinkedHashMap<>();
        for (String result : new String[] {"breached", "ok", "unavailable"}) {
            deltas.put(result, ServerMetrics.delta(before, after, "casvp_breached_checks_total",
                    Map.of("realm", KeycloakServer.REALM, "source", "api", "result", result)));
        }
        return deltas;
    }

    private static double signIns(ServerMetrics before, ServerMetrics after, String verdict) {
        return ServerMetrics.delta(before, after, "casvp_sign_ins_total",
                Map.of("realm", KeycloakServer.REALM, "verdict", verdict));
    }

    private static double codes(ServerMetrics before, ServerMetrics after, String outcome) {
        return ServerMetrics.delta(before, after, "casvp_codes_total",
                Map.of("realm", KeycloakServer.REALM, "purpose", "sign_in", "outcome", outcome));
    }

    private static double mails(ServerMetrics before, ServerMetrics after, String kind, String outcome) {
        return ServerMetrics.delta(before, after, "casvp_mails_total",
                Map.of("realm", KeycloakServer.REALM, "kind", kind, "outcome", outcome));
    }

    /** No label of any casvp_ series names the agent, their addresses or where they came from. */
    private static void assertNoPersonalDataInTags(ServerMetrics metrics, TestUsers.Agent agent) {
        String casvpSeries = metrics.text().lines().filter(line -> line.startsWith("casvp_")).reduce("", String::concat);
        assertFalse(casvpSeries.isEmpty(), "casvp_ series are published");
        for (String personal : new String[] {agent.username(), agent.email(), agent.id(), "127.0.0.9", "perso.example"}) {
            assertFalse(casvpSeries.contains(personal), personal + " in " + casvpSeries);
        }
    }

    /** A passphrase no earlier test has used, so no cached answer of the range API stands in for a check. */
    private static String uniquePassphrase() {
        String letters = "bdfhkmpr"; // no two neighbours in the alphabet: never a sequence
        SecureRandom random = new SecureRandom();
        StringBuilder tail = new StringBuilder();
        char previous = 0;
        while (tail.length() < 6) {
            char next = letters.charAt(random.nextInt(letters.length()));
            if (next != previous) {
                tail.append(next);
                previous = next;
            }
        }
        return TestUsers.passphrase() + " " + tail;
    }

    private void configure(Map<String, String> values) {
        passwordForm.set(values);
    }

    private static LoginPage attempt(WebClient browser, KeycloakServer server, String username, String password)
            throws Exception {
        LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create()).signIn(username, password);
        assertNotNull(result.pageAgain(), "not signed in");
        return result.pageAgain();
    }

    private static HtmlPage codePage(WebClient browser, KeycloakServer server, TestUsers.Agent agent) throws Exception {
        LoginPage.SignInResult result = LoginPage.open(browser, server, Pkce.create())
                .signIn(agent.username(), agent.password());
        assertNotNull(result.pageAgain(), "a new device: a code is asked");
        HtmlPage page = result.pageAgain().html();
        assertNotNull(page.getElementById("casvp-email-code-form"), page.asNormalizedText());
        return page;
    }

    private static KeycloakForms.Outcome submitCode(WebClient browser, KeycloakServer server, HtmlPage page, String code)
            throws Exception {
        HtmlForm form = page.getHtmlElementById("casvp-email-code-form");
        form.getInputByName("code").setValue(code);
        return KeycloakForms.submit(browser, server, (HtmlElement) page.getElementById("casvp-email-code-submit"));
    }
}
