package fr.paris.casvp.keycloak.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.paris.casvp.keycloak.it.support.RealmSettings;
import fr.paris.casvp.keycloak.it.support.Browsers;
import fr.paris.casvp.keycloak.it.support.DistributionKeycloak;
import fr.paris.casvp.keycloak.it.support.Events;
import fr.paris.casvp.keycloak.it.support.FreePorts;
import fr.paris.casvp.keycloak.it.support.ItSettings;
import fr.paris.casvp.keycloak.it.support.PostgresDatabase;
import fr.paris.casvp.keycloak.it.support.SignIns;
import fr.paris.casvp.keycloak.it.support.TestUsers;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The device store lives in Keycloak's database: on PostgreSQL, a device known before a
 * restart is known after it, the id is stored only as a hash, the network a browser moves
 * away from is kept with when it was last used, and the idle cleanup forgets old devices. Starts its own Keycloak twice on a fresh database.
 */
class DeviceStoreRestartIT {

    @Test
    void aKnownDeviceIsStillKnownAfterARestartAndIdleOnesAreForgotten() throws Exception {
        assumeTrue(ItSettings.servicesRequired() || PostgresDatabase.available(), "no PostgreSQL at 127.0.0.1:5432");
        GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), InetAddress.getLoopbackAddress().getHostAddress(),
                ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (PostgresDatabase database = PostgresDatabase.create(); WebClient browser = Browsers.htmlUnit("fr")) {
            DistributionKeycloak.Options options = DistributionKeycloak.Options.forTests(mail, database.keycloakEnvironment());
            TestUsers.Agent agent;
            try (DistributionKeycloak before = DistributionKeycloak.start(options)) {
                RealmSettings.recoveryAddressPrompt(before.admin(), false);
                agent = TestUsers.create(before, "fr");
                SignIns.signIn(browser, before, agent);
            }
            String cookie = browser.getCookieManager().getCookie(SignIns.DEVICE_COOKIE).getValue();
            try (Connection db = database.connection()) {
                List<String> hashes = deviceHashes(db, agent.id());
                assertEquals(1, hashes.size(), "one row for the agent's browser");
                assertFalse(hashes.get(0).contains(cookie), "only a hash of the device id is stored");
                assertEquals(Map.of(), networks(db, agent.id()), "the browser's row says where it was used");
            }

            // As if the agent's last sign-in on this browser had been two hours ago, from another network.
            long lastSignInElsewhere = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
            try (Connection db = database.connection();
                 PreparedStatement moved = db.prepareStatement(
                         "UPDATE CASVP_KNOWN_DEVICE SET LAST_SEEN = ?, NETWORK_PREFIX = '192.0.2.0/24' WHERE USER_ID = ?")) {
                moved.setLong(1, lastSignInElsewhere);
                moved.setString(2, agent.id());
                assertEquals(1, moved.executeUpdate());
            }

            try (DistributionKeycloak after = DistributionKeycloak.start(options)) {
                SignIns.signIn(browser, after, agent);
                List<Map<String, String>> logins = Events.loginDetails(after, agent.id());
                assertEquals(2, logins.size(), logins.toString());
                assertEquals("known", logins.get(1).get("casvp_device"), "known after the restart: " + logins.get(1));
                try (Connection db = database.connection()) {
                    assertEquals(Map.of("192.0.2.0/24", lastSignInElsewhere), networks(db, agent.id()),
                            "the network the browser left is kept, as last used at its last sign-in there");
                }

                try (Connection db = database.connection();
                     PreparedStatement age = db.prepareStatement("UPDATE CASVP_KNOWN_DEVICE SET LAST_SEEN = 0 WHERE USER_ID = ?")) {
                    age.setString(1, agent.id());
                    assertEquals(1, age.executeUpdate());
                }
                HttpResponse<String> cleanup = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(after.baseUrl() + "/admin/realms/casvp/casvp-devices/cleanup"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + after.admin().tokenManager().getAccessTokenString())
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, cleanup.statusCode(), cleanup.body());
                assertEquals("{\"forgotten\":1}", cleanup.body().replace(" ", ""));
                try (Connection db = database.connection()) {
                    assertEquals(List.of(), deviceHashes(db, agent.id()), "the idle device is forgotten");
                }

                TestUsers.Agent leaving = TestUsers.create(after, "fr");
                try (WebClient own = Browsers.htmlUnit("fr")) {
                    SignIns.signIn(own, after, leaving);
                }
                after.admin().realm("casvp").users().delete(leaving.id()).close();
                try (Connection db = database.connection()) {
                    assertEquals(List.of(), deviceHashes(db, leaving.id()), "devices go with their user");
                }
            }
        } finally {
            mail.stop();
        }
    }

    /** The networks kept apart for the user, with their last-seen times. */
    private static Map<String, Long> networks(Connection db, String userId) throws Exception {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT NETWORK_PREFIX, LAST_SEEN FROM CASVP_KNOWN_NETWORK WHERE USER_ID = ?")) {
            query.setString(1, userId);
            try (ResultSet rows = query.executeQuery()) {
                Map<String, Long> networks = new java.util.HashMap<>();
                while (rows.next()) {
                    networks.put(rows.getString(1), rows.getLong(2));
                }
                return networks;
            }
        }
    }

    private static List<String> deviceHashes(Connection db, String userId) throws Exception {
        try (PreparedStatement query = db.prepareStatement("SELECT DEVICE_HASH FROM CASVP_KNOWN_DEVICE WHERE USER_ID = ?")) {
            query.setString(1, userId);
            try (ResultSet rows = query.executeQuery()) {
                List<String> hashes = new java.util.ArrayList<>();
                while (rows.next()) {
                    hashes.add(rows.getString(1));
                }
                return hashes;
            }
        }
    }
}
