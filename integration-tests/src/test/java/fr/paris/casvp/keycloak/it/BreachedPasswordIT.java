package fr.paris.casvp.keycloak.it;

import fr.paris.casvp.keycloak.it.pages.UpdatePasswordPage;
import fr.paris.casvp.keycloak.it.support.BreachRangeServer;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.CasvpIntegrationTest;
import fr.paris.casvp.keycloak.it.support.ItSettings;
import fr.paris.casvp.keycloak.it.support.PasswordReset;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.KeycloakServer;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * casvp-breached in the casvp realm, asking a local range-API server (as an
 * organisation's own mirror would answer), including when that server fails.
 */
@CasvpIntegrationTest
class BreachedPasswordIT {

    private KeycloakServer server;
    private BreachRangeServer breachRange;
    private String originalPolicy;

    @AfterEach
    void restore() {
        if (breachRange != null) {
            breachRange.mode(BreachRangeServer.Mode.NORMAL);
        }
        if (server != null && originalPolicy != null) {
            RealmSettings.setPasswordPolicy(server, originalPolicy);
        }
    }

    @Test
    void realmExportAsksTheConfiguredRangeApi(KeycloakServer server, BreachRangeServer breachRange) {
        String policy = RealmSettings.passwordPolicy(server);
        assertTrue(policy.contains("casvp-breached(url=" + breachRange.url()), policy);
    }

    @Test
    void agentCannotPickABreachedPasswordAndIsToldWhyInFrench(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr", List.of("UPDATE_PASSWORD"));
        try (WebClient browser = Browsers.htmlUnit()) {
            UpdatePasswordPage page = UpdatePasswordPage.afterSignIn(browser, server, agent);
            assertNull(page.submit(BreachRangeServer.BREACHED.get(0)));
            assertTrue(page.error().startsWith("Ce mot de passe figure dans des listes de mots de passe volés"),
                    page.error());
            assertNotNull(page.submit(TestUsers.passphrase()), "an unlisted passphrase is accepted: " + page.error());
        }
    }

    @Test
    void adminApiRefusesABreachedPassword(KeycloakServer server) throws Exception {
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        assertEquals("casvp.passwordPolicy.breached", PasswordReset.refused(server.admin(), agent, BreachRangeServer.BREACHED.get(1)).path("error").asText());
    }

    @Test
    void slowRangeApiDoesNotHoldThePasswordChangeAndFailsOpenByDefault(KeycloakServer server,
                                                                       BreachRangeServer breachRange) {
        this.server = server;
        this.breachRange = breachRange;
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        breachRange.mode(BreachRangeServer.Mode.SLOW);
        int logLength = server.serverLog().length();
        long start = System.nanoTime();
        // Listed, but the API does not answer within the 2 s bound: accepted (onError=accept).
        PasswordReset.accepted(server.admin(), agent, BreachRangeServer.BREACHED.get(0));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("password change with a stalled range API took %d ms (bound 2000 ms)%n", millis);
        assertTrue(server.serverLog().substring(logLength).contains("casvp-breached: breach check not done"),
                "the failure is logged");
    }

    @Test
    void brokenRangeApiRefusesWhenTheRealmFailsClosed(KeycloakServer server, BreachRangeServer breachRange)
            throws Exception {
        this.server = server;
        this.breachRange = breachRange;
        TestUsers.Agent agent = TestUsers.create(server, "fr");
        originalPolicy = RealmSettings.passwordPolicy(server);
        RealmSettings.setPasswordPolicy(server, originalPolicy.replace("onError=accept", "onError=reject"));
        breachRange.mode(BreachRangeServer.Mode.BROKEN);
        assertEquals("casvp.passwordPolicy.breachedUnavailable",
                PasswordReset.refused(server.admin(), agent, "zèbre nocturne et café brûlant").path("error").asText());
    }

    /**
     * Offline mode as ops run it: the corpus (here 1 million generated SHA1:COUNT lines plus
     * one listed password, unsorted) turned into the compact file by the bundle JAR alone,
     * then the realm pointed at the file: a listed password is refused and the range API
     * never hears of it.
     */
    @Test
    void offlineHashFileBuiltWithTheBundleJarRefusesAListedPasswordWithoutAnyRequest(KeycloakServer server,
            BreachRangeServer breachRange)
            throws Exception {
        this.server = server;
        this.breachRange = breachRange;
        Path dir = Files.createDirectories(ItSettings.outputDir().resolve("offline-breached"));
        Path corpus = dir.resolve("corpus.txt");
        String listed = "Wq4#nLz8!kTp2v";
        try (BufferedWriter out = Files.newBufferedWriter(corpus, StandardCharsets.US_ASCII)) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (int i = 0; i < 1_000_000; i++) {
                byte[] hash = sha1.digest(("generated-" + i).getBytes(StandardCharsets.US_ASCII));
                out.write(HexFormat.of().withUpperCase().formatHex(hash) + ":" + (1 + i % 97) + "\r\n");
                if (i == 500_000) {
                    out.write(HexFormat.of().withUpperCase().formatHex(
                            sha1.digest(listed.getBytes(StandardCharsets.UTF_8))) + ":3\r\n");
                }
            }
        }
        Path file = dir.resolve("breached.bin");
        Process builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-cp", ItSettings.bundleJar().toString(),
                "fr.paris.casvp.keycloak.passwordpolicy.breached.BreachedHashFileBuilder",
                corpus.toString(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("builder.log").toFile()).start();
        assertTrue(builder.waitFor(5, TimeUnit.MINUTES), "the builder finishes");
        assertEquals(0, builder.exitValue(), Files.readString(dir.resolve("builder.log")));

        TestUsers.Agent agent = TestUsers.create(server, "fr");
        originalPolicy = RealmSettings.passwordPolicy(server);
        RealmSettings.setPasswordPolicy(server, originalPolicy.replaceAll("casvp-breached\\([^)]*\\)",
                "casvp-breached(file=" + file + ",onError=reject)"));
        int requestsBefore = breachRange.requests();

        assertEquals("casvp.passwordPolicy.breached", PasswordReset.refused(server.admin(), agent, listed).path("error").asText());
        PasswordReset.accepted(server.admin(), agent, TestUsers.passphrase());
        assertEquals(requestsBefore, breachRange.requests(), "offline mode sends nothing");
    }
}
